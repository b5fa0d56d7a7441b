"""Each exercise's withheld code (`autograder/grading/withheld.py`) is found in the engine
and, in that exercise's library, is a body that only raises; the rest of the module stays."""
from __future__ import annotations

import ast

import pytest

from autograder.exercises import EXERCISES
from autograder.grading.library import library_files
from autograder.grading.withheld import withheld_code


def _function(source: str, name: str, class_name: str | None) -> ast.FunctionDef:
    scope = ast.parse(source)
    if class_name is not None:
        scope = next(n for n in scope.body if isinstance(n, ast.ClassDef) and n.name == class_name)
    return next(n for n in scope.body if isinstance(n, ast.FunctionDef) and n.name == name)


def _only_raises(function: ast.FunctionDef) -> bool:
    return len(function.body) == 1 and isinstance(function.body[0], ast.Raise)


@pytest.mark.parametrize("exercise", [e for e in EXERCISES.values() if withheld_code(e)], ids=lambda e: e.id)
def test_each_withheld_function_only_raises_in_its_exercises_library(exercise):
    import minigrad
    whole, reduced = library_files(), library_files(withheld_code(exercise))
    for owner, name in withheld_code(exercise):
        module = owner if owner.startswith("minigrad.") else minigrad.get_op(owner).__module__
        path = module.replace(".", "/") + ".py"
        class_name = None if owner.startswith("minigrad.") else minigrad.get_op(owner).__name__
        if "." in name:
            class_name, name = name.split(".")
        assert not _only_raises(_function(whole[path], name, class_name))
        withheld = _function(reduced[path], name, class_name)
        assert _only_raises(withheld), (exercise.id, owner, name)
        body = withheld.body
        assert "not available while your work is graded" in ast.unparse(body[0])
    assert set(reduced) == set(whole)


def test_exercises_without_an_engine_op_or_helper_are_the_documented_ones():
    assert {e.id for e in EXERCISES.values() if not withheld_code(e)} == {
        "parabola_rates", "bfs_counterexample", "chain_gradients", "loglog_slope", "largest_stable_learning_rate"}
