"""The evidence store's JSON text: what the json module wrote, read back the same."""

from __future__ import annotations

import json
import math

from graph import jsontext


def test_values_round_trip_and_read_as_the_json_module_reads_them() -> None:
    value = {"name": "Zoë Ñúñez \"quoted\" back\\slash\ttab\nline", "n": 3, "x": -1.5e-07,
             "ok": True, "none": None, "list": [1, "a", [2.5]], "nested": {"k": {}}}
    text = jsontext.dumps(value)
    assert jsontext.loads(text) == value == json.loads(text)
    assert " " not in jsontext.dumps({"a": [1, 2]})  # compact, as the staged rows were


def test_what_orjson_declines_goes_through_the_json_module() -> None:
    big = jsontext.loads(jsontext.dumps({"big": 2**70 + 1, "low": -(2**65) - 3}))
    assert big == {"big": 2**70 + 1, "low": -(2**65) - 3}  # orjson would read floats
    assert type(big["big"]) is int
    assert jsontext.loads(b'{"id": "12345678901234567890123", "n": 7}') == {
        "id": "12345678901234567890123", "n": 7}  # long digits in text: still read right
    assert jsontext.loads(jsontext.dumps({1: "a"})) == {"1": "a"}  # keys as json.dumps
    # jsonb has no NaN: null rather than a value PostgreSQL would refuse.
    assert jsontext.loads(jsontext.dumps({"x": math.nan})) == {"x": None}
