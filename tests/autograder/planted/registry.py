"""The registry of students' solutions: `@correct(exercise)` files a correct one (equivalent
forms included), `@planted(exercise, mistake)` one with exactly that mistake planted.

    CORRECT["sigmoid_backward"]                  -> [function, ...]
    PLANTED["sigmoid_backward"]["wrong_point"]   -> [function, ...]
"""
from __future__ import annotations

CORRECT: dict = {}
PLANTED: dict = {}


def correct(exercise: str):
    def register(fn):
        CORRECT.setdefault(exercise, []).append(fn)
        return fn
    return register


def planted(exercise: str, mistake: str):
    def register(fn):
        PLANTED.setdefault(exercise, {}).setdefault(mistake, []).append(fn)
        return fn
    return register
