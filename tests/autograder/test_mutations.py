"""Mutation tests of the exercise checks: plant every known mistake into a correct solution
and prove that the check fails it *and names that mistake*; prove that correct solutions,
algebraically equivalent forms included, pass. The same runs make the matrix of
docs/mistakes.md, which must be up to date.
"""
import re
import warnings

import pytest

from autograder import EXERCISES, run_check
from tests.autograder.planted import CORRECT, PLANTED
from tests.autograder.planted.matrix import DOC, block, run_planted
from tests.helpers import REPO

CORRECT_CASES = [(ex, fn) for ex, fns in CORRECT.items() for fn in fns]
PLANTED_CASES = [(ex, mistake, fn) for ex, by_mistake in PLANTED.items()
                 for mistake, fns in by_mistake.items() for fn in fns]


@pytest.mark.parametrize("suite", ["visible", "hidden"])
@pytest.mark.parametrize("exercise_id, fn", CORRECT_CASES, ids=[f"{e}-{f.__name__}" for e, f in CORRECT_CASES])
def test_correct_solutions_pass(exercise_id, fn, suite):
    with warnings.catch_warnings():
        warnings.simplefilter("error")   # nothing may reach stderr: nbgrader would score the cell 0
        result = run_check(exercise_id, fn, suite)
    assert result.passed, result.message
    assert result.fraction == 1.0 and result.mistake is None
    assert result.cases_passed == result.cases_total > 0


@pytest.mark.parametrize("exercise_id, mistake, fn", PLANTED_CASES,
                         ids=[f"{e}-{m}-{f.__name__}" for e, m, f in PLANTED_CASES])
def test_planted_mistake_is_caught_and_named(exercise_id, mistake, fn):
    with warnings.catch_warnings():
        warnings.simplefilter("error")   # the student's warnings are captured, the judge's must not exist
        cell = run_planted(exercise_id, mistake, fn)
    assert cell.caught, f"{fn.__name__} passed a suite of {exercise_id}"
    assert cell.named, f"{fn.__name__}: expected {mistake!r} to be named, got {cell.named_instead}"


@pytest.mark.parametrize("exercise_id, mistake, fn", PLANTED_CASES[:: max(1, len(PLANTED_CASES) // 12)],
                         ids=[f"{e}-{m}" for e, m, _ in PLANTED_CASES[:: max(1, len(PLANTED_CASES) // 12)]])
def test_the_report_names_the_mistake_in_words_with_a_hint(exercise_id, mistake, fn):
    from autograder.catalogue import CATALOGUE
    message = " ".join(run_check(exercise_id, fn).message.split())   # the report wraps long names
    assert f"Likely mistake: {CATALOGUE[mistake].name}." in message
    assert "Hint: " in message
    assert "Smallest failing case" in message


def test_every_exercise_has_correct_solutions_and_every_detector_a_planted_mistake():
    for exercise_id, exercise in EXERCISES.items():
        assert CORRECT.get(exercise_id), f"no correct solution for {exercise_id}"
        planted = set(PLANTED.get(exercise_id, {}))
        assert set(exercise.mistake_ids) == planted, (
            f"{exercise_id}: detectors for {sorted(exercise.mistake_ids)}, planted {sorted(planted)}")


def test_the_issue_s_catalogue_is_covered():
    """The mistakes the issue asks for, each named on at least one exercise."""
    required = {"ignored_upstream", "overwrite_fanout", "transposed", "missing_broadcast_sum", "wrong_point",
                "sign_error", "missing_factor", "wrong_order", "in_place", "unstable"}
    named_somewhere = {m for by_mistake in PLANTED.values() for m in by_mistake}
    assert required <= named_somewhere


def test_the_course_exercises_each_have_a_check():
    """The exercise ids of the contract (docs/exercises.md) and the registered checks agree."""
    text = (REPO / "docs" / "exercises.md").read_text(encoding="utf-8")
    section = text.split("## The exercises", 1)[1]
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE))
    assert documented == set(EXERCISES)


def test_docs_matrix_is_what_the_checks_do_today():
    from tests.autograder.planted.matrix import Cell
    cells = [Cell(e, m, f.__name__, True, True) for e, m, f in PLANTED_CASES]
    # every cell is proven caught and named by test_planted_mistake_is_caught_and_named
    assert block(cells) in DOC.read_text(encoding="utf-8"), (
        "docs/mistakes.md is out of date: run `python -m tests.autograder.planted.matrix --write`")


def suites_disagree(exercise_id: str, fn) -> str | None:
    """None when `check` passes exactly when `score` gives full marks; else what happened."""
    visible, hidden = (run_check(exercise_id, fn, suite) for suite in ("visible", "hidden"))
    if visible.passed == (hidden.fraction == 1.0):
        return None
    return (f"{exercise_id} {fn.__name__}: check {'passed' if visible.passed else 'failed'}, score gave "
            f"{hidden.cases_passed}/{hidden.cases_total}")


def test_check_passes_exactly_when_score_gives_full_marks():
    """A student who passes `check` must not lose points in `score` for a kind of input the visible
    suite never showed, and one who fails `check` must not get full marks (docs/exercises.md, the
    input classes): over every correct and every planted solution."""
    solutions = [(ex, fn) for ex, fn in CORRECT_CASES] + [(ex, fn) for ex, _, fn in PLANTED_CASES]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        disagreements = [d for ex, fn in solutions if (d := suites_disagree(ex, fn))]
    assert not disagreements, "\n".join(disagreements)
