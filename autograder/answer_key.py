"""The answer key: `autograder.exercises`, where the cases are built and the references and
hidden suites live. It is in the course's repository, not in the package students install.

    exercises = answer_key()      # the module, or AnswerKeyMissing saying what to do
"""
from __future__ import annotations

from importlib import import_module

KEY = "autograder.exercises"


class AnswerKeyMissing(RuntimeError):
    """The answer key is needed (a hidden suite, a grading-time seed) but not installed."""


def answer_key(needed_for: str = "this"):
    """The answer key's module; without it, AnswerKeyMissing saying who runs what needs it."""
    try:
        return import_module(KEY)
    except ModuleNotFoundError as err:
        if err.name is None or not (KEY.startswith(err.name) or err.name.startswith(KEY)):
            raise
        raise AnswerKeyMissing(
            f"{needed_for} needs the answer key ({KEY}), which the package students install does not hold: "
            "in a graded class the hidden tests are run by the instructor's grader (`autograder grade`), "
            "and here only check(...) on the visible tests works. For self-study, install the kit from "
            "its repository (pip install -e .), which holds the answer key.") from None


def key_available() -> bool:
    try:
        answer_key()
    except AnswerKeyMissing:
        return False
    return True
