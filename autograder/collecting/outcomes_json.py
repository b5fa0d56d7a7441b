"""Outcomes as JSON, so that collecting (next to student code) and judging (elsewhere) can
happen in different processes:

    # in the sandbox, next to the student's code
    text = outcomes_to_json(collect(fn, calls))
    # in the grader, which never ran student code
    result = autograder.serialize.judge_json("sigmoid_backward", "hidden", text)

Arrays travel as base64 of their float64 bytes (exact, NaN and inf included). Reading is
strict: anything that is not the expected structure raises ValueError, never runs code.
"""
from __future__ import annotations

import base64
import json

import numpy as np

from .graph_specs import GraphSpec, Leaf, Node
from .returned_graphs import MAX_NODES
from .values import Outcome, Value

STATUSES = ("returned", "raised", "timeout", "exited", "skipped")
KINDS = ("array", "number", "none", "list", "tuple", "dict", "tensor", "node", "graph", "other")
MAX_TEXT = 10_000


def value_to_plain(value: Value | None):
    if value is None:
        return None
    return {"kind": value.kind, "type_name": value.type_name, "dtype": value.dtype,
            "shape": list(value.shape), "data": _array_to_plain(value.data),
            "items": [value_to_plain(v) for v in value.items], "keys": [value_to_plain(v) for v in value.keys],
            "index": value.index, "length": value.length, "graph": graph_to_plain(value.graph)}


def graph_to_plain(spec: GraphSpec | None):
    if spec is None:
        return None
    nodes = []
    for node in spec.nodes:
        if isinstance(node, Leaf):
            nodes.append({"name": node.name, "leaf": True, "value": _array_to_plain(node.value),
                          "requires_grad": node.requires_grad})
        else:
            nodes.append({"name": node.name, "leaf": False, "op": node.op, "parents": list(node.parents),
                          "params": [[k, list(v) if isinstance(v, tuple) else v] for k, v in node.params]})
    return {"title": spec.title, "nodes": nodes}


def outcome_to_plain(outcome: Outcome) -> dict:
    return {"status": outcome.status, "value": value_to_plain(outcome.value), "error": outcome.error,
            "where": outcome.where, "printed": outcome.printed, "printed_chars": outcome.printed_chars,
            "warnings": list(outcome.warnings), "mutated": list(outcome.mutated)}


def outcomes_to_json(outcomes) -> str:
    return json.dumps([outcome_to_plain(o) for o in outcomes])


def value_from_plain(data, depth: int = 0) -> Value | None:
    if data is None:
        return None
    _expect(isinstance(data, dict) and depth < 6, "a value must be an object")
    kind = _text(data.get("kind"))
    _expect(kind in KINDS, f"unknown value kind {kind!r}")
    shape = data.get("shape", [])
    _expect(isinstance(shape, list) and all(_is_int(n) and n >= 0 for n in shape), "bad shape")
    items = data.get("items", [])
    keys = data.get("keys", [])
    _expect(isinstance(items, list) and isinstance(keys, list), "items and keys must be lists")
    index = data.get("index")
    _expect(index is None or _is_int(index), "index must be an integer")
    length = data.get("length", 0)
    _expect(_is_int(length), "length must be an integer")
    return Value(kind, _text(data.get("type_name", "")), _text(data.get("dtype", "")), tuple(shape),
                 _array_from_plain(data.get("data")), tuple(value_from_plain(v, depth + 1) for v in items),
                 tuple(value_from_plain(v, depth + 1) for v in keys), index, length,
                 graph_from_plain(data.get("graph")))


def graph_from_plain(data) -> GraphSpec | None:
    """A GraphSpec, read strictly: every parent an earlier node, parameters plain numbers."""
    if data is None:
        return None
    _expect(isinstance(data, dict) and isinstance(data.get("nodes"), list), "a graph must hold a list of nodes")
    _expect(len(data["nodes"]) <= MAX_NODES, "too many nodes in a graph")
    nodes = []
    for k, node in enumerate(data["nodes"]):
        _expect(isinstance(node, dict) and isinstance(node.get("leaf"), bool), "a graph node must be an object")
        name = _text(node.get("name"))
        if node["leaf"]:
            _expect(isinstance(node.get("requires_grad"), bool), "requires_grad must be true or false")
            value = _array_from_plain(node.get("value"))
            _expect(value is not None, "a leaf needs its value")
            nodes.append(Leaf(name, value, node["requires_grad"]))
            continue
        parents, params = node.get("parents"), node.get("params")
        _expect(isinstance(parents, list) and all(_is_int(p) and 0 <= p < k for p in parents),
                "a node's parents must be earlier nodes")
        _expect(isinstance(params, list) and all(isinstance(p, list) and len(p) == 2 for p in params),
                "a node's parameters must be [name, value] pairs")
        nodes.append(Node(name, _text(node.get("op")), tuple(parents),
                          tuple((_text(k), _param(v)) for k, v in params)))
    return GraphSpec(_text(data.get("title", "")), tuple(nodes))


def _param(value):
    if isinstance(value, list):
        _expect(all(_is_plain_number(v) for v in value), "a parameter list must hold numbers")
        return tuple(value)
    _expect(_is_plain_number(value), "a parameter must be a number, true, false or null")
    return value


def _is_plain_number(value) -> bool:
    return value is None or isinstance(value, (bool, int, float))


def outcome_from_plain(data) -> Outcome:
    _expect(isinstance(data, dict), "an outcome must be an object")
    status = data.get("status")
    _expect(status in STATUSES, f"unknown status {status!r}")
    warnings = data.get("warnings", [])
    mutated = data.get("mutated", [])
    _expect(isinstance(warnings, list) and isinstance(mutated, list), "warnings and mutated must be lists")
    printed_chars = data.get("printed_chars", 0)
    _expect(_is_int(printed_chars), "printed_chars must be an integer")
    error, where = data.get("error"), data.get("where")
    return Outcome(status, value_from_plain(data.get("value")), None if error is None else _text(error),
                   None if where is None else _text(where), _text(data.get("printed", "")), printed_chars,
                   tuple(_text(w) for w in warnings), tuple(_text(m) for m in mutated))


def outcomes_from_json(text: str) -> list:
    data = json.loads(text)
    _expect(isinstance(data, list), "outcomes must be a list")
    return [outcome_from_plain(o) for o in data]


# ----- helpers -------------------------------------------------------------------------------
def _array_to_plain(array):
    if array is None:
        return None
    array = np.array(array, dtype="<f8", order="C")   # (ascontiguousarray would make 0-d arrays 1-d)
    return {"shape": list(array.shape), "base64": base64.b64encode(array.tobytes()).decode("ascii")}


def _array_from_plain(data):
    if data is None:
        return None
    _expect(isinstance(data, dict), "array data must be an object")
    shape = data.get("shape")
    _expect(isinstance(shape, list) and all(_is_int(n) and n >= 0 for n in shape), "bad array shape")
    raw = base64.b64decode(_text(data.get("base64", "")), validate=True)
    count = int(np.prod(shape)) if shape else 1
    _expect(len(raw) == 8 * count, "array data does not match its shape")
    return np.frombuffer(raw, dtype="<f8").astype(np.float64).reshape(shape)


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value) -> str:
    _expect(isinstance(value, str), "expected a string")
    return value[:MAX_TEXT] if len(value) > MAX_TEXT else value


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(f"malformed outcomes: {message}")
