"""The course's exercises, one module per family, each exercise as data: its cases (seeded
visible and hidden suites), its reference, and the mistakes it can name."""
from __future__ import annotations

from . import (
    activations,
    answers,
    arithmetic,
    batches,
    derivatives,
    graphs,
    jacobians,
    linalg,
    losses,
    regression,
    scaling,
)

_FAMILIES = (derivatives, answers, graphs, activations, arithmetic, linalg, losses, jacobians, scaling, regression,
             batches)

EXERCISES = {exercise.id: exercise for family in _FAMILIES for exercise in family.EXERCISES}


def get_exercise(exercise_id: str):
    """The exercise called `exercise_id`, or a KeyError listing the known ids."""
    try:
        return EXERCISES[exercise_id]
    except (KeyError, TypeError):
        known = ", ".join(EXERCISES)
        raise KeyError(f"there is no exercise {exercise_id!r}; the exercises are: {known}") from None
