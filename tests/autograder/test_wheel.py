"""What students install holds no answers: the wheel built from pyproject.toml has no answer
key, no grader, no reference solution (beyond the engine's own code, minigrad) and no hidden
case; installed in a fresh environment outside the repository, `check` judges the visible
tests exactly as the repository does, and the hidden tests say who runs them."""
from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from autograder.exercises import EXERCISES
from tests.helpers import REPO

pytestmark = pytest.mark.slow

SOURCES = ("pyproject.toml", "README.md", "minigrad", "autograder")

# Students' solutions, correct and wrong, as a notebook holds them: (exercise, label, source).
SOLUTIONS = [
    ("sigmoid_backward", "correct", "lambda x, out, g: g * out * (1 - out)"),
    ("sigmoid_backward", "wrong", "lambda x, out, g: out * (1 - out)"),
    ("numerical_derivative", "correct", "lambda f, x, h=1e-5: (f(x + h) - f(x - h)) / (2 * h)"),
    ("numerical_derivative", "wrong", "lambda f, x, h=1e-5: (f(x + h) - f(x)) / h"),
    ("mse_gradient", "correct", "lambda w, X, y: 2 / len(y) * X.T @ (X @ w - y)"),
    ("mse_gradient", "wrong", "lambda w, X, y: 2 * X.T @ (X @ w - y)"),
    ("topological_sort", "correct", "depth_first"),
    ("topological_sort", "wrong", "breadth_first"),
    ("loglog_slope", "wrong", "lambda d, t: np.polyfit(d, t, 1)[0]"),
]
PROGRAM = textwrap.dedent('''
    import json, sys
    from collections import deque
    import numpy as np
    from autograder import run_check

    def depth_first(root):
        order, seen = [], set()
        def visit(t):
            if id(t) not in seen:
                seen.add(id(t))
                for p in t.parents:
                    visit(p)
                order.append(t)
        visit(root)
        return order

    def breadth_first(root):
        order, queue, seen = [], deque([root]), {id(root)}
        while queue:
            t = queue.popleft()
            order.append(t)
            for p in t.parents:
                if id(p) not in seen:
                    seen.add(id(p))
                    queue.append(p)
        return order[::-1]

    results = {}
    for exercise, label, source in json.loads(sys.argv[1]):
        result = run_check(exercise, eval(source))
        results[f"{exercise} {label}"] = [result.passed, result.mistake, result.message]
    print(json.dumps(results))
''')


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built by pip from a copy of the sources (the checkout stays untouched)."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            source.mkdir(exist_ok=True)
            shutil.copy(REPO / name, source / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(root / "dist"), str(source)], check=True, cwd=root)
    wheel, = (root / "dist").glob("*.whl")
    return wheel


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh environment outside the repository with the wheel installed; its python."""
    venv = tmp_path_factory.mktemp("students") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, cwd=venv.parent)
    return python


def _files(wheel: Path) -> dict:
    with zipfile.ZipFile(wheel) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_wheel_holds_no_answer_key_and_no_grader(wheel):
    names = set(_files(wheel))
    assert not [n for n in names if n.startswith(("autograder/exercises/", "autograder/grading/"))]
    assert {f"autograder/suites/{i}.json" for i in EXERCISES} <= names
    for exercise_id in EXERCISES:
        shipped = _files(wheel)[f"autograder/suites/{exercise_id}.json"]
        assert shipped == (REPO / "autograder" / "suites" / f"{exercise_id}.json").read_bytes()


def _key_functions() -> dict:
    """name -> the body (as an AST dump) of every function of the answer key, docstring left out."""
    bodies = {}
    for path in (REPO / "autograder" / "exercises").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.Lambda)):
                body = node.body if isinstance(node.body, list) else [ast.Return(node.body)]
                if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant):
                    body = body[1:]
                if body:
                    bodies[f"{path.stem}.{getattr(node, 'name', 'lambda')}@{node.lineno}"] = \
                        ast.dump(ast.Module(body, []))
    return bodies


def _bodies(text: str) -> set:
    found = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.Lambda)):
            body = node.body if isinstance(node.body, list) else [ast.Return(node.body)]
            if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant):
                body = body[1:]
            found.add(ast.dump(ast.Module(body, [])))
    return found


def test_no_reference_solution_is_in_the_kit_students_install(wheel):
    """No function of the answer key (references, case builders, mistaken variants) is in the
    wheel's autograder, not even renamed; minigrad is the engine, whose code is allowed."""
    shipped = set()
    for name, data in _files(wheel).items():
        if name.startswith("autograder/") and name.endswith(".py"):
            shipped |= _bodies(data.decode())
    key = _key_functions()
    assert len(key) > 100
    assert not sorted(name for name, body in key.items() if body in shipped)
    text = b"".join(data for name, data in _files(wheel).items() if name.startswith("autograder/")).decode()
    key_text = "".join(path.read_text() for path in (REPO / "autograder" / "exercises").glob("*.py"))
    for formula in ("2.0 / len(y) * (X.T @ (X @ w - y))", "np.linalg.eigvalsh(hessian(X))", "np.polyfit(np.asarray(u",
                    "(g(x + h) - g(x - h)) / (2 * h)", "np.max(relative_error(a, n))", "rows[-1] @ J",
                    "1 - 2 * eta", "(-8.0, 4.0, 2.0)", "def simulate(", "def reference_grads("):
        assert formula in key_text and formula not in text, formula


def _run(python: str, env: dict, cwd: Path) -> dict:
    done = subprocess.run([python, "-c", PROGRAM, json.dumps(SOLUTIONS)], capture_output=True, text=True,
                          env=env, cwd=cwd, check=True)
    return json.loads(done.stdout)


def _outside_the_repository(python: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{python.parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def test_installed_check_judges_exactly_as_the_repository(installed, tmp_path):
    env = _outside_the_repository(installed)
    where = subprocess.run([str(installed), "-c", "import autograder; print(autograder.__file__)"],
                           capture_output=True, text=True, env=env, cwd=tmp_path, check=True).stdout
    assert "site-packages" in where and str(REPO) not in where
    installed_results = _run(str(installed), env, tmp_path)
    repository_results = _run(sys.executable, {**os.environ, "PYTHONPATH": str(REPO)}, tmp_path)
    assert installed_results == repository_results
    assert [passed for passed, _, _ in installed_results.values()] == [label == "correct" for _, label, _ in SOLUTIONS]
    assert installed_results["sigmoid_backward wrong"][1] == "ignored_upstream"
    assert installed_results["numerical_derivative wrong"][1] == "forward_difference"
    assert installed_results["mse_gradient wrong"][1] == "missing_factor"
    assert installed_results["topological_sort wrong"][1] == "wrong_order"
    assert installed_results["loglog_slope wrong"][1] == "wrong_axes"


def test_installed_the_hidden_tests_and_the_grader_say_who_runs_them(installed, tmp_path):
    env = _outside_the_repository(installed)
    program = textwrap.dedent('''
        import importlib.util
        from autograder import check, score
        from autograder.answer_key import AnswerKeyMissing
        assert importlib.util.find_spec("autograder.exercises") is None
        assert importlib.util.find_spec("autograder.grading") is None
        check("hand_gradients", lambda: (-8.0, 4.0, 2.0))
        check("parabola_rates", lambda: (lambda eta: 1 - 2 * eta, 0.5, 1.0))
        try:
            score("sigmoid_backward", lambda x, out, g: g * out * (1 - out), points=3)
        except AnswerKeyMissing as err:
            print("hidden:", err)
    ''')
    done = subprocess.run([str(installed), "-c", program], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "✓ hand_gradients: 1/1" in done.stdout and "✓ parabola_rates: 1/1" in done.stdout
    assert "hidden:" in done.stdout and "instructor's grader" in done.stdout
    tool = subprocess.run([str(installed.parent / "autograder"), "grade", "01_derivatives"], capture_output=True,
                          text=True, env=env, cwd=tmp_path)
    assert tool.returncode == 2 and "clone of the course's repository" in tool.stderr
