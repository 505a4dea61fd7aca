"""The canonical key of an unordered pair of people (KNOWS direction and truth keys)."""

from __future__ import annotations


def pair_key(a: str, b: str) -> str:
    """A Member first, else the smaller id first: "mem_0001|ct_000002", "ct_000001|ct_000009"."""
    a_member, b_member = a.startswith("mem_"), b.startswith("mem_")
    if a_member != b_member:
        return f"{a}|{b}" if a_member else f"{b}|{a}"
    return f"{a}|{b}" if a < b else f"{b}|{a}"
