"""Grade the course for real with the nbgrader CLI, one assignment at a time.

For every assignment in course/notebooks/ (a copy of the course in a temporary folder):
1. `nbgrader generate_assignment <a> --force` makes the student version (release/);
2. the release is submitted unchanged as student "release_student", and the instructor's
   source (with the solutions) as student "solution_student";
3. one `nbgrader autograde <a> --force` grades both;
4. the gradebook must show: every graded cell of the release scores 0; every autograded
   cell of the solutions scores its maximum; a hand-graded answer of the solutions waits for
   a human (needs_manual_grade) and the unchanged release answer scores 0.
Timings per assignment are printed (run with -s to see them).

Slow-ish: a fresh kernel per notebook and student (a few seconds per assignment).
"""
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.dependencies import require

if os.environ.get("CI"):
    import nbgrader  # noqa: F401  (required in CI)
else:
    require("nbgrader")

from tests.helpers import REPO

COURSE = REPO / "course"
SOURCE = COURSE / "notebooks"
ASSIGNMENTS = sorted(p.name for p in SOURCE.iterdir() if p.is_dir() and any(p.glob("*.ipynb"))) \
    if SOURCE.is_dir() else []
RELEASE_STUDENT = "release_student"
SOLUTION_STUDENT = "solution_student"
FALLBACK_CONFIG = 'c = get_config()  # noqa\nc.CourseDirectory.source_directory = "notebooks"\n'


def nbgrader_env() -> dict:
    """The environment nbgrader needs: this Python's bin/ first on PATH (nbgrader shells out
    to `alembic`), the repository importable by the kernels (minigrad, autograder), no GUI."""
    env = dict(os.environ)
    bin_dir = str(Path(sys.executable).parent)
    env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "")
    env["PYTHONPATH"] = os.pathsep.join(p for p in [str(REPO), env.get("PYTHONPATH", "")] if p)
    env["MPLBACKEND"] = "Agg"
    env.pop("JUPYTER_CONFIG_DIR", None)
    return env


def run_nbgrader(args, cwd: Path) -> float:
    """Run `python -m nbgrader <args>` in the course root; fail with its log if it fails."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=cwd, env=nbgrader_env(),
                          capture_output=True, text=True, timeout=900)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        pytest.fail(f"nbgrader {' '.join(args)} failed (exit {done.returncode}):\n"
                    f"{done.stdout[-4000:]}\n{done.stderr[-6000:]}")
    return elapsed


@pytest.fixture(scope="module")
def course_copy(tmp_path_factory):
    """A private copy of the course root (nbgrader writes release/, submitted/, gradebook.db)."""
    root = tmp_path_factory.mktemp("course") / "course"
    shutil.copytree(COURSE, root, ignore=shutil.ignore_patterns(
        "release", "submitted", "autograded", "feedback", "gradebook.db", ".ipynb_checkpoints", "__pycache__"))
    if not (root / "nbgrader_config.py").exists():
        # course/nbgrader_config.py is the course's own file; without it, grade with the minimum.
        (root / "nbgrader_config.py").write_text(FALLBACK_CONFIG)
    return root


def grades_of(root: Path, assignment: str, student: str) -> dict:
    """{(notebook, grade_id): grade as a dict} read from the gradebook with nbgrader's API."""
    from nbgrader.api import Gradebook

    result = {}
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        submission = gb.find_submission(assignment, student)
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                result[(notebook.name, grade.name)] = {
                    "score": grade.score, "max_score": grade.max_score, "auto_score": grade.auto_score,
                    "needs_manual_grade": grade.needs_manual_grade, "cell_type": grade.cell.cell_type}
    return result


def test_the_course_has_assignments():
    assert ASSIGNMENTS, f"no assignment folders with notebooks under {SOURCE}"


@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_scores_zero_and_solutions_full_marks(course_copy, assignment):
    root = course_copy
    t_generate = run_nbgrader(["generate_assignment", assignment, "--force"], root)
    release = root / "release" / assignment
    released = sorted(release.glob("*.ipynb"))
    assert released, f"generate_assignment produced no notebook in {release}"

    for student, origin in [(RELEASE_STUDENT, release), (SOLUTION_STUDENT, root / "notebooks" / assignment)]:
        target = root / "submitted" / student / assignment
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(origin, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))

    t_autograde = run_nbgrader(["autograde", assignment, "--force"], root)
    print(f"\n[nbgrader] {assignment}: generate_assignment {t_generate:.1f} s, "
          f"autograde of 2 submissions {t_autograde:.1f} s")

    release_grades = grades_of(root, assignment, RELEASE_STUDENT)
    solution_grades = grades_of(root, assignment, SOLUTION_STUDENT)
    assert release_grades, f"{assignment}: the gradebook holds no graded cells"
    assert set(release_grades) == set(solution_grades)

    scored_in_release = {key: g["score"] for key, g in release_grades.items() if g["score"] != 0}
    assert not scored_in_release, (
        f"{assignment}: the unmodified release earns points; a student who does nothing must get 0: "
        f"{scored_in_release}")

    auto = {key: g for key, g in solution_grades.items() if g["cell_type"] == "code"}
    manual = {key: g for key, g in solution_grades.items() if g["cell_type"] == "markdown"}
    short = {key: f"{g['score']} of {g['max_score']}" for key, g in auto.items() if g["score"] != g["max_score"]}
    assert not short, f"{assignment}: the solutions lose points in autograded cells: {short}"
    unflagged = [key for key, g in manual.items() if not g["needs_manual_grade"]]
    assert not unflagged, f"{assignment}: written answers not flagged for a human grader: {unflagged}"

    auto_points = sum(g["max_score"] for g in auto.values())
    manual_points = sum(g["max_score"] for g in manual.values())
    print(f"[nbgrader] {assignment}: solutions {auto_points:g}/{auto_points:g} autograded points "
          f"(+{manual_points:g} graded by hand); release 0/{auto_points + manual_points:g}")

    for notebook in (root / "autograded" / SOLUTION_STUDENT / assignment).glob("*.ipynb"):
        errors = _error_cells(notebook)
        assert not errors, f"{assignment}/{notebook.name}: the solutions raise in cells {errors}"


def _error_cells(path: Path) -> list:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    return [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
            and any(o.get("output_type") == "error" for o in cell.get("outputs", []))]
