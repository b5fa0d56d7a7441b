"""Judging the Jacobian exercises: `jacobian_reverse` receives f on minigrad Tensors, and
`chain_gradients`' rows are judged end to end (their shapes first, then their values)."""
from __future__ import annotations

import numpy as np

from ..collecting.values import Value
from ..compare import CaseVerdict, Tally, describe_kind
from ..exercise import Exercise


class ReverseExercise(Exercise):
    """The student's function receives f as a function on minigrad Tensors."""

    functions = "tensor"


class ChainExercise(Exercise):
    """The student receives a fresh list of read-only Jacobians; a list that comes back
    reordered or shortened counts as a changed input. Their rows are judged end to end."""

    procedure = "chain"

    def describe_args(self, case) -> list:
        jacobians, grad_last = case.args
        return [(f"J_{k}", J) for k, J in enumerate(jacobians)] + [("grad_last", grad_last)]

    def judge_result(self, case, value) -> CaseVerdict:
        sizes = case.info["sizes"]
        want = f"a list of {len(sizes)} 1-D arrays, [dc/dz_0, ..., dc/dz_{len(sizes) - 1}]"
        if value.kind not in ("list", "tuple"):
            return CaseVerdict(False, f"it returned {describe_kind(value)}; it should return {want}.", (0,))
        if value.length != len(sizes):
            return CaseVerdict(False, f"it returned {value.length} row(s); with {len(sizes) - 1} stage(s) there are "
                                  f"{len(sizes)} states z_0 ... z_{len(sizes) - 1}, so return {want} (the last "
                                  "one is grad_last itself).", (0,))
        rows = [item.data for item in value.items if item.kind in ("array", "number") and item.data is not None]
        if len(rows) != len(sizes) or any(r.ndim > 1 for r in rows):
            return CaseVerdict(False, f"every entry should be a 1-D numpy array; it should return {want}.", (0,))
        got = np.concatenate([np.atleast_1d(r) for r in rows])
        shapes = [tuple(np.shape(r)) for r in rows]
        if shapes != [(n,) for n in sizes]:
            return CaseVerdict(False, f"the rows have shapes {shapes}; they should be {[(n,) for n in sizes]}, one "
                                  "entry per variable of z_0, z_1, ... in that order.", (0,), (got,))
        part = Value("array", "ndarray", "float64", got.shape, got)
        tally = Tally(case)
        tally.compare(0, part, case.expected[0], "the chain of rows")
        if tally.failing:
            return CaseVerdict(False, " ".join(tally.problems), (0,), (got,), tally.max_error, tally.worst)
        return CaseVerdict(True, None, (), (got,), tally.max_error)
