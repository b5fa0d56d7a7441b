"""What a student sees from nbgrader's Validate: `nbgrader validate` on a release notebook in
which one exercise holds a planted mistake must show the report (the mistake's name and its
hint), and, run in the student's workspace, no "No nbgrader_config.py file found".

The workspace is made as scripts/open-course.sh makes it: the release of an assignment
(`nbgrader generate_assignment` in a copy of the course) and scripts/student-config/'s
nbgrader_config.py, in a temporary folder.
"""
import inspect
import json
import re
import shutil
import subprocess
import sys
import textwrap

from autograder.catalogue import CATALOGUE
from tests.autograder.planted import PLANTED
from tests.course.test_nbgrader import COURSE, nbgrader_env, run_nbgrader
from tests.helpers import REPO

ASSIGNMENT, NOTEBOOK = "03_sigmoid_backward", "sigmoid_backward.ipynb"
EXERCISE, MISTAKE = "sigmoid_backward", "ignored_upstream"
SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION\n", re.S)


def _student_answer(source_cell: dict, planted=None) -> str:
    """The source cell with its solution (as a student would write it) or a planted function."""
    text = "".join(source_cell["source"])
    if planted is None:
        return SOLUTION.sub(lambda m: m.group(1), text)
    body = textwrap.dedent(inspect.getsource(planted))
    body = re.sub(r"^@.*\n", "", body, flags=re.M)
    return re.sub(r"^def \w+\(", f"def {EXERCISE}(", body, count=1)


def _workspace(tmp_path):
    build = tmp_path / "build"
    build.mkdir()
    shutil.copy(COURSE / "nbgrader_config.py", build)
    shutil.copytree(COURSE / "notebooks" / ASSIGNMENT, build / "notebooks" / ASSIGNMENT)
    run_nbgrader(["generate_assignment", ASSIGNMENT, "--force", "--log-level=ERROR"], build)
    workspace = tmp_path / "workspace"
    shutil.copytree(build / "release" / ASSIGNMENT, workspace / ASSIGNMENT)
    shutil.copy(REPO / "scripts" / "student-config" / "nbgrader_config.py", workspace)
    return workspace


def test_validate_shows_the_named_mistake_and_its_hint(tmp_path):
    workspace = _workspace(tmp_path)
    path = workspace / ASSIGNMENT / NOTEBOOK
    source = {c["metadata"]["nbgrader"]["grade_id"]: c
              for c in json.loads((COURSE / "notebooks" / ASSIGNMENT / NOTEBOOK).read_text())["cells"]
              if c["metadata"].get("nbgrader", {}).get("solution")}
    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if grade_id in source:    # the student's answers: right everywhere but in one exercise
            planted = PLANTED[EXERCISE][MISTAKE][0] if grade_id == EXERCISE else None
            cell["source"] = _student_answer(source[grade_id], planted)
    path.write_text(json.dumps(nb))

    env = nbgrader_env()
    env.pop("JUPYTER_CONFIG_PATH", None)
    done = subprocess.run([sys.executable, "-m", "nbgrader", "validate", f"{ASSIGNMENT}/{NOTEBOOK}"],
                          cwd=workspace, env=env, capture_output=True, text=True, timeout=600)
    log = done.stdout + done.stderr
    flat = " ".join(log.split())
    mistake = CATALOGUE[MISTAKE]
    assert "The following cell failed" in log, log[-4000:]
    assert f"Likely mistake: {mistake.name}." in flat, log[-4000:]
    assert " ".join(f"Hint: {mistake.hint}".split()) in flat, log[-4000:]
    assert "Smallest failing case" in flat and "..." not in done.stdout.split("The error was:")[-1], log[-4000:]
    assert "Traceback" not in log and "autograder/" not in log, log[-4000:]   # the report, not the kit's frames
    assert "No nbgrader_config.py file found" not in log
    # one failing cell: the visible test of the planted exercise (hidden tests are not released)
    assert done.stdout.count("The following cell failed") == 1, log[-4000:]
