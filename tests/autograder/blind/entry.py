"""One entry of a blind set: a student-style solution written by someone who never saw the
checks' code or the planted mistakes (docs/mistakes.md, "Blind mutants", says how they were made).

exercise: the exercise id. family: the catalogue id the writer judged to fit the mistake, or
None (no fitting name, or a correct solution). description: what the student did. fn: what the
student passes to `check(exercise, fn)`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Blind:
    exercise: str
    family: str | None
    description: str
    fn: Callable
