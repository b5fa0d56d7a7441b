"""Students' solutions, written the way students write them: for every exercise several
correct ones (algebraically equivalent forms included), and for every mistake the exercise
can name, a solution with exactly that mistake planted. One module per exercise family, as
in autograder/exercises/. They live outside the autograder package, so the checker treats
them as what they stand for: student code.

The mutation tests (tests/test_checks_mutations.py) assert that the checks pass the first
and fail — naming the right mistake — the second; `python -m tests.autograder.planted.matrix`
turns the same runs into the exercises × mistakes table of docs/mistakes.md.

    from tests.autograder.planted import CORRECT, PLANTED
    CORRECT["sigmoid_backward"]                  -> [function, ...]
    PLANTED["sigmoid_backward"]["wrong_point"]   -> [function, ...]
"""
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
from .registry import CORRECT, PLANTED

FAMILIES = (derivatives, answers, graphs, activations, arithmetic, linalg, losses, jacobians, scaling, regression,
            batches)

__all__ = ["CORRECT", "PLANTED", "FAMILIES"]
