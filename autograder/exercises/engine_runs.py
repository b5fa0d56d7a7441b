"""The student's piece at work inside the reference engine (see
`autograder.collecting.engine_runs`): the in-context case of an exercise, whose expected
values are the same run with the engine's own backward. Models are seeded, so a run is
plain data like any other case.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..collecting.calls import Call
from ..collecting.engine_runs import MODELS, STEPS, ModelTraining, parameter_names, train
from .cases import Case, frozen


def component_names(model: str, steps: int = STEPS) -> tuple:
    return ("the losses",) + tuple(f"dL/d{name} at step {s + 1}" for s in range(steps)
                                   for name in parameter_names(model))


@dataclass(frozen=True)
class EngineRun:
    """Run `model` with the student's function in place of op `op`'s backward (or forward)."""

    op: str
    model: str
    forward: bool = False

    def case(self, seed: int) -> Case:
        expected = tuple(frozen(a) for a in train(self.model, seed))
        title = MODELS[self.model][1]
        return Case(f"inside the engine: {STEPS} training steps of {title}", "engine",
                    ("model", self.model, seed), expected,
                    info={"components": component_names(self.model), "seed": seed, "size": 10**6,
                          "passed_text": f"it also trains {title} inside the engine",
                          "failed_text": f"{title}, trained for a few steps with your function in "
                                         "place of the engine's, went wrong"},
                    call=Call("engine", (ModelTraining(self.op, self.model, self.forward, seed),)))
