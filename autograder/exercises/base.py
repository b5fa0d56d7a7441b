"""What an exercise is: `autograder.exercise.Exercise` (it holds no answer, so the
student's side has it too); the answer key's exercises are instances of it and its kinds."""
from __future__ import annotations

from ..exercise import Exercise

__all__ = ["Exercise"]
