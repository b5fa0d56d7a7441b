"""Plain data as JSON and back, exactly: what the visible suites shipped to students are
written in (`autograder.shipped`).

    text = to_json(value)
    value = from_json(text)

Encoded: None, bools, ints, floats (NaN and ±inf too; Python writes every float so that it
reads back bit for bit), strings, lists, tuples, dicts with any plain keys, numpy arrays
(read back read-only) and scalars, dataclasses and other objects of the student's side of
the kit (their fields), and functions of it (by name). Every JSON object is tagged with
what it encodes. A class or function of the answer key (`autograder.exercises`) or of the
instructor's grader (`autograder.grading`) cannot be encoded: it does not exist where the
data is read.
"""
from __future__ import annotations

import dataclasses
import json
from importlib import import_module

import numpy as np

STUDENT_SIDE = ("autograder.", "minigrad.")
INSTRUCTOR_SIDE = ("autograder.exercises", "autograder.grading")


class NotPlainData(TypeError):
    """A value that cannot travel as plain data to the student's side."""


def to_json(value) -> str:
    return json.dumps(encode(value), ensure_ascii=False, separators=(",", ":"))


def from_json(text: str):
    return decode(json.loads(text))


def encode(value):
    if value is None or isinstance(value, (bool, str, int, float)):
        return value
    if isinstance(value, np.ndarray):
        if value.dtype.hasobject:
            raise NotPlainData(f"an array of Python objects is not plain data: {value!r:.80}")
        return {"ndarray": value.dtype.str, "shape": list(value.shape), "data": value.reshape(-1).tolist()}
    if isinstance(value, np.generic):
        return {"scalar": value.dtype.name, "value": value.item()}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, tuple):
        return {"tuple": [encode(v) for v in value]}
    if isinstance(value, dict):
        return {"dict": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, type):
        raise NotPlainData(f"a class ({value.__qualname__}) is not plain data")
    if dataclasses.is_dataclass(value):
        fields = {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return {"dataclass": _name_of(type(value)), "fields": fields}
    if callable(value) and hasattr(value, "__qualname__") and hasattr(value, "__module__"):
        return {"function": _name_of(value)}
    if hasattr(value, "__dict__"):
        attributes = {k: encode(v) for k, v in vars(value).items() if not k.startswith("_")}
        return {"object": _name_of(type(value)), "attributes": attributes}
    raise NotPlainData(f"{type(value).__name__} is not plain data: {value!r:.80}")


def decode(data):
    if data is None or isinstance(data, (bool, str, int, float)):
        return data
    if isinstance(data, list):
        return [decode(v) for v in data]
    if "ndarray" in data:
        array = np.array(data["data"], dtype=np.dtype(data["ndarray"])).reshape(data["shape"])
        array.setflags(write=False)
        return array
    if "scalar" in data:
        return np.dtype(data["scalar"]).type(data["value"])
    if "tuple" in data:
        return tuple(decode(v) for v in data["tuple"])
    if "dict" in data:
        return {_hashable(decode(k)): decode(v) for k, v in data["dict"]}
    if "dataclass" in data:
        return _named(data["dataclass"])(**{k: decode(v) for k, v in data["fields"].items()})
    if "function" in data:
        return _named(data["function"])
    if "object" in data:
        obj = object.__new__(_named(data["object"]))
        obj.__dict__.update({k: decode(v) for k, v in data["attributes"].items()})
        return obj
    raise ValueError(f"not plain data as autograder.plain_json writes it: {str(data)[:80]}")


def _hashable(key):
    return key.item() if isinstance(key, np.generic) else key


def _name_of(thing) -> str:
    module, name = thing.__module__, thing.__qualname__
    if not module.startswith(STUDENT_SIDE) or "<" in name:
        raise NotPlainData(f"{module}.{name} is not a class or function of the kit, by name")
    if module.startswith(INSTRUCTOR_SIDE):
        raise NotPlainData(f"{module}.{name} belongs to the instructor's side ({module}), which students do not "
                           "get; move it to the student's side (e.g. autograder/kinds/) if it holds no answer")
    return f"{module}:{name}"


def _named(name: str):
    module, _, qualname = name.partition(":")
    if not module.startswith(STUDENT_SIDE) or module.startswith(INSTRUCTOR_SIDE):
        raise ValueError(f"{name} is not on the student's side of the kit")
    thing = import_module(module)
    for part in qualname.split("."):
        thing = getattr(thing, part)
    return thing
