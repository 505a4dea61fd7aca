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
    assert jsontext.loads(jsontext.dumps({"big": 2**70})) == {"big": 2**70}
    assert jsontext.loads(jsontext.dumps({1: "a"})) == {"1": "a"}  # keys as json.dumps
    # jsonb has no NaN: null rather than a value PostgreSQL would refuse.
    assert jsontext.loads(jsontext.dumps({"x": math.nan})) == {"x": None}
