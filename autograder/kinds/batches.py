"""Judging `minibatch_indices(n, batch_size, rng)`: the returned batches against the pieces
of `rng.permutation(n)` recorded in the case, and the batching mistakes read off them."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..compare import CaseVerdict, describe_kind
from ..detectors import Finding
from ..exercise import Exercise


def returned_batches(value):
    """The returned batches as lists of ints, or None if they are not a list of integer arrays."""
    if value is None or value.kind not in ("list", "tuple") or value.length != len(value.items):
        return None
    batches = []
    for item in value.items:
        if item.kind == "array" and item.data is not None and np.dtype(item.dtype).kind in "iu" and item.data.ndim == 1:
            batches.append([int(v) for v in item.data])
        elif item.kind == "list" and all(i.kind == "number" and i.dtype.startswith("int") for i in item.items):
            batches.append([int(i.data) for i in item.items])
        else:
            return None
    return batches


class BatchExercise(Exercise):
    def judge_result(self, case, value) -> CaseVerdict:
        expected = [list(b) for b in case.expected]
        if value.kind not in ("list", "tuple"):
            return CaseVerdict(False, f"it returned {describe_kind(value)}; it should return a list of index "
                                  "arrays, one per batch.", (0,))
        got = returned_batches(value)
        if got is None:
            return CaseVerdict(False, "each batch should be a 1-D numpy array of integer indices (as "
                                  "rng.permutation gives).", (0,))
        if got == expected:
            return CaseVerdict(True)
        n, size = case.args[0], case.args[1]
        flat = [i for b in got for i in b]
        if sorted(flat) != list(range(n)):
            problem = ("every index from 0 to n − 1 must appear exactly once over all the batches; "
                       f"yours hold {len(flat)} indices, {len(set(flat))} of them different.")
        elif [len(b) for b in got] != [len(b) for b in expected]:
            problem = (f"the batch sizes are {[len(b) for b in got]}; with n = {n} and batch_size = {size} "
                       f"they should be {[len(b) for b in expected]}.")
        else:
            problem = ("the batches are not the consecutive pieces of rng.permutation(n): expected "
                       f"{_short(expected)}, got {_short(got)}.")
        return CaseVerdict(False, problem, (0,))


def _short(batches) -> str:
    text = str([[int(i) for i in b] for b in batches])    # 4, not np.int64(4)
    return text if len(text) < 120 else text[:117] + "…"


@dataclass(frozen=True)
class BatchSignature:
    """minibatch_indices: no_shuffle (0, 1, 2, ... in order), drops_last (rng's batches with the
    last one missing: the smaller one, or whichever is last when a loop stops a batch early),
    ignores_rng (the consecutive pieces of one permutation of range(n), every
    sample exactly once and the right sizes, but not of rng.permutation(n): some failing case's
    batches hold other samples than rng's batches — reordering rng's own batches is not it).
    Every failing case that returned batches must fit the mistake: batches that repeat or lose
    samples are not a shuffle from the wrong source, and no batching mistake here names them."""

    mistake: str

    def find(self, evidence):
        pairs, shuffled_somewhere, other_samples = set(), False, False
        for i, c in evidence.failing:
            outcome, case = evidence.outcomes[i], evidence.cases[i]
            got = returned_batches(outcome.value) if outcome.status == "returned" else None
            if got is None:
                continue
            expected = [list(b) for b in case.expected]
            n = case.args[0]
            flat = [k for b in got for k in b]
            if not self._explains(got, expected, flat, n):
                return None   # every failing case must fit the mistake
            pairs.add((i, c))
            shuffled_somewhere |= flat != list(range(n))
            other_samples |= any(sorted(g) != sorted(e) for g, e in zip(got, expected))
        if self.mistake == "ignores_rng" and not (shuffled_somewhere and other_samples):
            return None   # in order everywhere (no shuffle at all), or rng's batches reordered (rng was used)
        return Finding(self.mistake, pairs) if pairs else None

    def _explains(self, got: list, expected: list, flat: list, n: int) -> bool:
        """Does the batching mistake explain what came back?"""
        in_order = flat == list(range(n))
        shuffled = [k for b in expected for k in b] != list(range(n))   # else order tells nothing
        same_sizes = [len(b) for b in got] == [len(b) for b in expected]
        if self.mistake == "no_shuffle":
            return in_order and shuffled and n > 1
        if self.mistake == "drops_last":
            return got == expected[:-1]
        if self.mistake == "ignores_rng":
            # one shuffle of range(n) cut into the right sizes, only not the one rng.permutation(n) gives
            # (another generator's shuffle of a few samples may happen to leave them in order)
            return sorted(flat) == list(range(n)) and same_sizes
        return False
