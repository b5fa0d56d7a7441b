"""Exercise checks that name the student's mistake.

    from autograder import check, score
    check("sigmoid_backward", sigmoid_backward)            # visible test: report, raise on failure
    score("sigmoid_backward", sigmoid_backward, points=3)  # hidden test: partial credit

`run_check` returns the structured `CheckResult` without printing. A check is three steps:
`autograder.collecting.collect` (the only code that runs next to the student's, and it
holds no answer), `autograder.judge.judge` (a pure function of plain data) and
`autograder.report.report` (the text); so a grading pipeline can collect in a sandbox and
judge elsewhere; see docs/architecture.md.

The names below are imported when first used, so that `import autograder.collecting`
loads the collect side alone. `EXERCISES` and `get_exercise` are the answer key's
(`autograder.exercises`), which only the repository holds; `check` works without it
(`autograder.shipped`).
"""
from importlib import import_module

_PUBLIC = {
    "check": "api", "score": "api", "run_check": "api",
    "CheckResult": "result", "CaseReport": "result", "ExerciseFailed": "result",
    "collect": "collecting",
    "EXERCISES": "exercises", "get_exercise": "exercises", "CATALOGUE": "catalogue",
}

__all__ = list(_PUBLIC)


def __getattr__(name: str):
    if name not in _PUBLIC:
        raise AttributeError(f"module 'autograder' has no attribute {name!r}")
    if _PUBLIC[name] == "exercises":   # the answer key: in the repository, not in the installed package
        return getattr(import_module(".answer_key", __name__).answer_key(f"autograder.{name}"), name)
    return getattr(import_module(f".{_PUBLIC[name]}", __name__), name)


def __dir__():
    return sorted(set(globals()) | set(_PUBLIC))
