"""While an exercise is collected, the kit's helpers that answer it are withheld
(`autograder/grading/withheld.py`): a submission whose functions call them gets no point
for those exercises from `autograder grade`, while the source solutions of the same
assignments score full marks. One small class (the source, and the source with every
helper-calling solution in place) per assignment."""
from __future__ import annotations

import json

import pytest

from autograder import run_check
from tests.grading.classroom import REPO, autograder, hand_in, new_course, with_cells
from tests.grading.helper_calls import HELPER_CALLS, helper_solution

pytestmark = pytest.mark.slow
NOTEBOOKS = {"01_derivatives": "derivatives.ipynb", "02_chain_rule": "chain_rule.ipynb",
             "03_sigmoid_backward": "sigmoid_backward.ipynb",
             "05_multistage_jacobians": "multistage_jacobians.ipynb", "06_gradient_descent": "gradient_descent.ipynb"}


def _source(assignment: str) -> dict:
    return json.loads((REPO / "course" / "notebooks" / assignment / NOTEBOOKS[assignment]).read_text())


def _solution_ids(notebook: dict) -> set:
    return {c["metadata"]["nbgrader"]["grade_id"] for c in notebook["cells"]
            if c["metadata"].get("nbgrader", {}).get("solution") and c["cell_type"] == "code"}


def _points(notebook: dict, exercises) -> tuple:
    """(every autograded point of the notebook, the points of the test cells of `exercises`)."""
    total = attacked = 0.0
    for cell in notebook["cells"]:
        nbgrader = cell["metadata"].get("nbgrader", {})
        if nbgrader.get("grade") and cell["cell_type"] == "code":
            total += nbgrader["points"]
            if any(f'"{exercise}"' in "".join(cell["source"]) for exercise in exercises):
                attacked += nbgrader["points"]
    return total, attacked


def _grades(course, assignment: str) -> dict:
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        return {s.student.id: round(s.score, 6) for s in gradebook.assignment_submissions(assignment)}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = new_course(tmp_path_factory.mktemp("course"), assignments=tuple(NOTEBOOKS))
    autograder(course, "release", *NOTEBOOKS)
    results = {}
    for assignment, name in NOTEBOOKS.items():
        source = _source(assignment)
        attacked = sorted(_solution_ids(source) & set(HELPER_CALLS))
        hand_in(course, "honest", source, name=name, assignment=assignment)
        helpers = {exercise: helper_solution(exercise) for exercise in attacked}
        hand_in(course, "helper_caller", with_cells(source, replace=helpers), name=name, assignment=assignment)
        done = autograder(course, "grade", assignment)
        results[assignment] = (_grades(course, assignment), _points(source, attacked), done.stdout)
    return results


def test_every_helper_call_scores_with_the_whole_engine():
    # so that a zero in the sandbox is the withholding's doing, not a broken attack
    for exercise, (_, _, expressions) in HELPER_CALLS.items():
        for expression in expressions:
            namespace: dict = {}
            exec(helper_solution(exercise, [expression]), namespace)  # noqa: S102 - the test's own attack
            fn = ((lambda ns=namespace: (ns["df_dx"], ns["df_dy"], ns["df_dz"])) if exercise == "hand_gradients"
                  else namespace[exercise])
            assert run_check(exercise, fn, suite="hidden", seed=5).fraction > 0, (exercise, expression)


def test_every_attack_is_in_a_graded_assignment():
    covered = set().union(*(_solution_ids(_source(a)) for a in NOTEBOOKS)) & set(HELPER_CALLS)
    assert covered == set(HELPER_CALLS)


@pytest.mark.parametrize("assignment", list(NOTEBOOKS))
def test_calling_the_kits_helpers_scores_nothing_and_the_source_full_marks(graded, assignment):
    grades, (total, attacked), stdout = graded[assignment]
    assert attacked > 0
    assert grades["honest"] == total, stdout
    assert grades["helper_caller"] == total - attacked, stdout
