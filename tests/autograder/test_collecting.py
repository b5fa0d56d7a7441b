"""The collect side (`autograder.collecting`) runs next to student code and holds no answer:
it imports only the standard library, numpy, minigrad and itself; it works in a process
where the judge side cannot even be imported; and the calls it receives carry no expected
values."""
import ast
import dataclasses
import json
import os
import pickle
import subprocess
import sys

import numpy as np
import pytest

from autograder import EXERCISES, CheckResult
from autograder.collecting import Call, outcomes_from_json
from autograder.judge import judge
from autograder.report import report
from tests.helpers import REPO

COLLECTING = REPO / "autograder" / "collecting"
PLANTED_MODULE = "tests.autograder.planted"
SUITES = ("visible", "hidden")
JUDGE_SIDE = ("autograder.exercises", "autograder.judge", "autograder.compare", "autograder.detectors",
              "autograder.catalogue", "autograder.report", "autograder.api", "autograder.serialize")


def test_the_collect_side_imports_only_the_standard_library_numpy_minigrad_and_itself():
    for path in sorted(COLLECTING.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                assert node.level == 1, f"{path.name} imports from outside autograder.collecting"
                continue
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) else []
            for name in names:
                top = name.split(".")[0]
                assert top in sys.stdlib_module_names or top in ("numpy", "minigrad"), f"{path.name}: {name}"


def _objects(obj):
    """Every object reachable from a call: dataclass fields, container items."""
    yield obj
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from _objects(getattr(obj, f.name))
    elif isinstance(obj, (tuple, list)):
        for item in obj:
            yield from _objects(item)
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield from _objects(key)
            yield from _objects(value)


@pytest.mark.parametrize("exercise_id", list(EXERCISES))
def test_pickled_calls_hold_only_collect_side_plain_data_and_no_expected_values(exercise_id):
    for suite in SUITES:
        for case in EXERCISES[exercise_id].cases(suite):
            blob = pickle.dumps(case.call)
            call = pickle.loads(blob)
            assert isinstance(call, Call)
            for obj in _objects(call):
                if dataclasses.is_dataclass(obj):
                    assert type(obj).__module__.startswith("autograder.collecting."), type(obj)
                else:
                    assert isinstance(obj, (np.ndarray, np.generic, int, float, str, bool, tuple, list,
                                            type(None))), f"{case.name}: a {type(obj).__name__} in the call"
            inputs = [np.ascontiguousarray(a).tobytes() for a in _objects(case.args) if isinstance(a, np.ndarray)]
            answers = [np.ascontiguousarray(a).tobytes() for a in case.expected + (case.numerical or ())
                       if a is not None and np.any(a)]
            for answer in answers:
                if any(answer in given for given in inputs):
                    continue   # the answer is (part of) an input: dL/db of a single row is that row of G
                assert answer not in blob, f"{exercise_id}/{suite}: {case.name} carries an expected value"


BLOCKER = """
import importlib.abc, json, pickle, sys

BLOCKED = {blocked!r}


class JudgeSideRefused(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if any(name == b or name.startswith(b + ".") for b in BLOCKED):
            raise ImportError(f"the collect side may not import {{name}}")
        return None


sys.meta_path.insert(0, JudgeSideRefused())
from autograder.collecting import collect, outcomes_to_json
from {planted} import CORRECT

jobs = pickle.loads(open(sys.argv[1], "rb").read())
texts = {{f"{{e}}/{{s}}": outcomes_to_json(collect(CORRECT[e][0], calls)) for e, s, calls in jobs}}
loaded = sorted(m for m in sys.modules if any(m == b or m.startswith(b + ".") for b in BLOCKED))
assert not loaded, loaded
print(json.dumps(texts))
"""


def test_a_process_that_cannot_import_the_judge_side_collects_what_the_judge_passes(tmp_path):
    jobs = [(e, s, [case.call for case in EXERCISES[e].cases(s)]) for e in EXERCISES for s in SUITES]
    path = tmp_path / "calls.pickle"
    path.write_bytes(pickle.dumps(jobs))
    program = BLOCKER.format(blocked=JUDGE_SIDE, planted=PLANTED_MODULE)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-c", program, str(path)], capture_output=True, text=True, env=env,
                          cwd=REPO)
    assert done.returncode == 0, done.stderr
    texts = json.loads(done.stdout)
    for exercise_id, suite, _ in jobs:
        exercise, cases = EXERCISES[exercise_id], EXERCISES[exercise_id].cases(suite)
        outcomes = outcomes_from_json(texts[f"{exercise_id}/{suite}"])
        verdict = judge(exercise, suite, cases, outcomes)
        result = CheckResult.of(verdict, cases, report(exercise, cases, outcomes, verdict))
        assert result.passed, result.message


def test_the_blocker_does_refuse_the_judge_side(tmp_path):
    path = tmp_path / "calls.pickle"
    path.write_bytes(pickle.dumps([]))
    program = BLOCKER.format(blocked=JUDGE_SIDE, planted=PLANTED_MODULE) + "import autograder.judge\n"
    done = subprocess.run([sys.executable, "-c", program, str(path)], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(REPO)), cwd=REPO)
    assert done.returncode != 0 and "the collect side may not import autograder.judge" in done.stderr
