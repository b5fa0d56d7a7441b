"""The library a sandbox sees: what student code may import while its work is graded.

    build_library(folder, withheld=withheld_code("sigmoid_backward"))

It holds, read-only:
- `minigrad`, the engine the notebooks use — with the code that answers the exercise being
  graded taken out (e.g. the sigmoid op's backward while `sigmoid_backward` is collected):
  its body is replaced, in the copy on the sandbox's disk, by an error that says so. The
  original is neither on that disk nor in that process, so neither calling the engine nor
  re-reading its source can stand in for the student's own function;
- `autograder`, reduced to what runs next to student code: `autograder.collecting` (run a
  function with limits, describe the result as plain data), the collector program, and
  `check`/`score` as a graded notebook sees them (`autograder/grading/deferred.py`).
  No reference solution, expected value, case builder or mistake detector is there.
"""
from __future__ import annotations

import ast
import shutil
from pathlib import Path

import autograder
import minigrad

# Besides the op an exercise is about, the ops whose engine code would answer it too.
ALSO_WITHHELD = {
    "sigmoid": (("minigrad.ops.activations", "stable_sigmoid"),),
    "linear_backward": (("matmul", "backward"), ("add", "backward")),
}


def withheld_code(exercise) -> tuple:
    """(module or op name, function or method) pairs taken out while `exercise` is collected."""
    engine = getattr(exercise, "engine", None)
    pairs = []
    if getattr(engine, "op", None) is not None:   # an engine run that swaps one op for the student's
        pairs.append((engine.op, "forward" if engine.forward else "backward"))
    pairs += ALSO_WITHHELD.get(exercise.id, ())
    return tuple(pairs)


def build_library(folder: str | Path, withheld: tuple = ()) -> Path:
    """Write the sandbox's library into `folder` (created; must not exist yet)."""
    folder = Path(folder)
    engine = Path(minigrad.__file__).parent
    checks = Path(autograder.__file__).parent
    _copy_package(engine, folder / "minigrad")
    _copy_package(checks / "collecting", folder / "autograder" / "collecting")
    grading = folder / "autograder" / "grading"
    grading.mkdir(parents=True)
    (grading / "__init__.py").write_text('"""The grader\'s program inside the sandbox."""\n')
    shutil.copyfile(checks / "grading" / "collector.py", grading / "collector.py")
    shutil.copyfile(checks / "grading" / "deferred.py", folder / "autograder" / "__init__.py")
    for owner, name in withheld:
        _withhold(folder, owner, name)
    return folder


def _copy_package(source: Path, target: Path) -> None:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


def _withhold(folder: Path, owner: str, name: str) -> None:
    """Replace the body of `owner.name` (an op's method, or a module's function) in the copy."""
    if owner.startswith("minigrad."):
        module_name, class_name = owner, None
    else:
        op = minigrad.get_op(owner)
        module_name, class_name = op.__module__, op.__name__
    path = folder / Path(*module_name.split(".")).with_suffix(".py")
    tree = ast.parse(path.read_text())
    scope = tree
    if class_name is not None:
        scope = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == class_name)
    function = next(n for n in scope.body if isinstance(n, ast.FunctionDef) and n.name == name)
    label = f"{class_name}.{name}" if class_name else name
    message = (f"the engine's {label} is not available while your work is graded: your own function "
               "must compute this")
    function.body = [ast.Raise(exc=ast.Call(func=ast.Name("NotImplementedError", ast.Load()),
                                            args=[ast.Constant(message)], keywords=[]), cause=None)]
    path.write_text(ast.unparse(ast.fix_missing_locations(tree)) + "\n")

