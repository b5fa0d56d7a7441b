"""The library a sandbox sees: what student code may import while its work is graded.

    files = library_files(withheld=withheld_code(exercise))   # {relative path: text} (withheld.py)
    bytecode = library_bytecode(files)                        # {relative .pyc path: base64}

The sandbox's collector for that exercise writes it into its work folder (`collector.py`).
It holds:
- `minigrad`, the engine the notebooks use — with the code that answers the exercise being
  graded taken out (e.g. the sigmoid op's backward while `sigmoid_backward` is collected,
  `minigrad.gradcheck.jacobian_fd` while `jacobian_fd` is; the table is `withheld.py`):
  its body is replaced, in the sandbox's copy, by an error that says so. The original is
  neither on that disk nor in that process, so neither calling the engine nor re-reading
  its source can stand in for the student's own function (the feedback run's kernel gets
  the whole engine);
- `autograder`, reduced to what runs next to student code: `autograder.collecting` (run a
  function with limits, describe the result as plain data) and `check`/`score` as a graded
  notebook sees them (`autograder/grading/deferred.py`).
  No reference solution, expected value, case builder or mistake detector is there.

The collector program itself (`collector.py`) is not part of it: it reaches the sandbox on
its own (`build_program`), because the warm process that forks one collector per exercise
must hold no copy of the engine at all (see `collector.py`).
"""
from __future__ import annotations

import ast
import base64
import importlib.util
import marshal
import shutil
from pathlib import Path

import autograder
import minigrad


def library_files(withheld: tuple = ()) -> dict:
    """The library as {path relative to its folder: text}, with `withheld` taken out."""
    engine = Path(minigrad.__file__).parent
    checks = Path(autograder.__file__).parent
    files = {}
    for source, target in ((engine, "minigrad"), (checks / "collecting", "autograder/collecting")):
        for path in sorted(source.rglob("*.py")):
            if "__pycache__" not in path.parts:
                files[f"{target}/{path.relative_to(source).as_posix()}"] = path.read_text()
    files["autograder/__init__.py"] = (checks / "grading" / "deferred.py").read_text()
    for owner, name in withheld:
        path = _module_path(owner)
        files[path] = _withhold(files[path], owner, name)
    return files


def library_bytecode(files: dict) -> dict:
    """Each module of `files` compiled, as {relative path of its .pyc: base64 of it}: an
    unchecked hash-based pyc (PEP 552), which Python loads without reading the source again,
    so that a collector does not compile the library each time it is written."""
    compiled = {}
    for relative, text in files.items():
        code = compile(text, relative, "exec", dont_inherit=True)
        header = importlib.util.MAGIC_NUMBER + (1).to_bytes(4, "little")   # hash-based, not checked
        data = header + importlib.util.source_hash(text.encode()) + marshal.dumps(code)
        compiled[importlib.util.cache_from_source(relative)] = base64.b64encode(data).decode()
    return compiled


def build_program(folder: str | Path) -> Path:
    """The folder that holds only the collector program (`collector.py`), nothing it grades."""
    folder = Path(folder)
    folder.mkdir(parents=True)
    shutil.copyfile(Path(__file__).parent / "collector.py", folder / "collector.py")
    return folder


def _module_path(owner: str) -> str:
    """The library path of the module that defines `owner` (a module name, or an op name)."""
    module_name = owner if owner.startswith("minigrad.") else minigrad.get_op(owner).__module__
    return Path(*module_name.split(".")).with_suffix(".py").as_posix()


def _withhold(text: str, owner: str, name: str) -> str:
    """`text` (a module's source) with the body of `owner.name` (an op's method, or a
    module's function or `Class.method`) replaced by an error that says why."""
    class_name = None if owner.startswith("minigrad.") else minigrad.get_op(owner).__name__
    if "." in name:
        class_name, name = name.split(".")
    tree = ast.parse(text)
    scope = tree
    if class_name is not None:
        scope = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == class_name)
    function = next(n for n in scope.body if isinstance(n, ast.FunctionDef) and n.name == name)
    label = f"{class_name}.{name}" if class_name else name
    message = (f"the engine's {label} is not available while your work is graded: your own function "
               "must compute this")
    function.body = [ast.Raise(exc=ast.Call(func=ast.Name("NotImplementedError", ast.Load()),
                                            args=[ast.Constant(message)], keywords=[]), cause=None)]
    return ast.unparse(ast.fix_missing_locations(tree)) + "\n"
