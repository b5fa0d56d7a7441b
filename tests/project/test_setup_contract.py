"""The set-up contract: two README commands, CI runs the second, the engine needs numpy only."""
import subprocess
import sys
import tomllib

from tests.helpers import REPO

COURSE_COMMAND = "bash scripts/open-course.sh"
TEST_COMMAND = "bash scripts/run-tests.sh"


def test_readme_gives_the_two_commands():
    readme = (REPO / "README.md").read_text()
    assert COURSE_COMMAND in readme and TEST_COMMAND in readme
    assert f"{COURSE_COMMAND} --headless" in readme


def test_ci_runs_exactly_the_readme_test_command():
    ci = REPO / ".ci" / "run"
    assert ci.stat().st_mode & 0o111, ".ci/run must be executable"
    commands = [line.strip() for line in ci.read_text().splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    assert commands[-1] == TEST_COMMAND


def test_the_test_command_lints_with_ruff_before_pytest():
    script = (REPO / "scripts" / "run-tests.sh").read_text()
    assert "ruff check ." in script and script.index("ruff check .") < script.index("python -m pytest")
    extras = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert any(d.startswith("ruff") for d in extras["test"]), "ruff must be in the [test] extra"


def test_the_engine_depends_on_numpy_only():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert [d.split(">")[0].split("=")[0] for d in project["dependencies"]] == ["numpy"]
    assert not any("torch" in d for extra in project["optional-dependencies"].values() for d in extra)


def test_import_minigrad_loads_no_notebook_or_grading_library():
    heavy = ["matplotlib", "ipywidgets", "IPython", "sklearn", "torch", "nbgrader", "ipympl", "scipy"]
    code = ("import sys, minigrad, minigrad.data, minigrad.gradcheck, minigrad.graph_view; "
            f"print([m for m in {heavy!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "[]", out.stdout


def test_scripts_are_valid_bash():
    for script in [REPO / ".ci" / "run", *sorted((REPO / "scripts").glob("*.sh"))]:
        subprocess.run(["bash", "-n", str(script)], check=True)
