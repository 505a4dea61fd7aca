"""The FalkorDB parameter header is written to exactly the client's text, only faster."""

from __future__ import annotations

import enum
import random
import string
from typing import Any

import pytest
from falkordb.helpers import stringify_param_value

from graph.store.paramtext import header, literal

_CHARACTERS = string.printable + "ãéøß€😀\u2028\x00`"


class Quoted(enum.StrEnum):  # a str subclass: the client decides how it prints
    A = 'a"b'


class _Values:
    """Random nested parameter values of every kind the client takes."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def value(self, depth: int = 0) -> Any:
        kind = self.rng.randrange(12 if depth < 3 else 7)  # containers only near the top
        # Lists twice: the commonest container in a bulk write.
        makers = [self._text, lambda: self.rng.randrange(-10**12, 10**12),
                  lambda: self.rng.random() * 10 ** self.rng.randrange(-5, 20),
                  lambda: self.rng.choice([True, False]), lambda: None, lambda: Quoted.A,
                  lambda: float(self.rng.choice(["nan", "inf", "-inf"])),
                  lambda: [self.value(depth + 1) for _ in range(self.rng.randrange(4))],
                  lambda: [self.value(depth + 1) for _ in range(self.rng.randrange(4))],
                  lambda: tuple(self.value(depth + 1) for _ in range(self.rng.randrange(3))),
                  lambda: self._map(depth), lambda: b'bytes"\\']
        return makers[kind]()

    def _text(self) -> str:
        return "".join(self.rng.choice(_CHARACTERS) for _ in range(self.rng.randrange(8)))

    def _map(self, depth: int) -> dict[Any, Any]:
        # 1, True and 1.0 are equal keys the client writes differently.
        keys: list[Any] = ["a", "b c", "@t", "1", 1, True, 1.0, b"x", "é"]
        return {self.rng.choice(keys): self.value(depth + 1)
                for _ in range(self.rng.randrange(4))}


def test_every_kind_of_value_is_written_as_the_client_writes_it() -> None:
    values = _Values(seed=7)
    for _ in range(20_000):
        value = values.value()
        assert literal(value) == stringify_param_value(value), value


def test_rows_of_a_bulk_write_are_written_as_the_client_writes_them() -> None:
    rows = [{"id": f"int_{i}", "subject": f'Re: "offer" {i} \\ done', "n": i, "ok": i % 2 == 0,
             "score": i / 7, "gone": None, "sources": [f"import:2:{i}"]} for i in range(500)]
    rows.append({1: "number key"})
    rows.append({True: "bool key"})  # equal to 1 as a key: must not reuse the line above
    params = {"rows": rows, "batch": "b1"}
    expected = "CYPHER " + " ".join(f"`{k}`={stringify_param_value(v)}"
                                    for k, v in params.items()) + " "
    assert header(params) == expected
    assert header({}) == header(None) == ""


@pytest.mark.parametrize("key", ["", "a`b"])
def test_a_key_the_header_cannot_hold_is_refused_as_the_client_refuses_it(key: str) -> None:
    with pytest.raises(ValueError, match="Cypher map key cannot"):
        stringify_param_value({key: 1})
    with pytest.raises(ValueError, match="Cypher map key cannot"):
        literal([{key: 1}])


def test_a_query_vector_is_written_exactly_for_float32() -> None:
    np = pytest.importorskip("numpy")
    vector = np.random.default_rng(3).standard_normal(384).astype(np.float32)
    text = header({"v": vector})
    assert text.startswith("CYPHER `v`=[") and text.endswith("] ")
    written = np.array([float(x) for x in text[len("CYPHER `v`=["):-2].split(",")],
                       dtype=np.float32)
    assert np.array_equal(written, vector)
