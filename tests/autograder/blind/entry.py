"""One entry of a blind set: a student-style solution written by someone who never saw the
checks' code or the planted mistakes (docs/mistakes.md, "Blind mutants", says how they were made).

exercise: the exercise id. family: the catalogue id the writer judged to fit the mistake, or
None (no fitting name, or a correct solution). description: what the student did. fn: what the
student passes to `check(exercise, fn)`. also: other catalogue ids the writer, before anything
was measured, judged a fair teacher would accept for the same mistake (sets 1 and 2 have none).
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
    also: tuple = ()

    def __post_init__(self):
        if self.family is None and self.also:
            raise ValueError(f"{self.description}: names a teacher would accept need a family first")

    @property
    def accepted_names(self) -> frozenset:
        """The names that count as naming this mistake right."""
        return frozenset(n for n in (self.family, *self.also) if n is not None)
