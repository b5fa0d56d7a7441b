"""Judging `backward_pass(root)`: one gradient per node that needs one, compared with the
engine's; and `Simulated`, the detector that recognises backprop done with a known mistake
from what such a pass gives on the case (`result`, computed by the answer key)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..compare import CaseVerdict, Tally, describe_kind
from ..detectors import Finding, close
from .graph_orders import GraphExercise, node_name


class BackwardExercise(GraphExercise):
    def judge_result(self, case, value) -> CaseVerdict:
        spec, nodes, names = case.args[0], case.info["nodes"], case.info["components"]
        every = tuple(range(len(nodes)))
        if value.kind != "dict":
            return CaseVerdict(False, f"it returned {describe_kind(value)}; it should return a dict that maps "
                                  "each tensor to its gradient.", every)
        given = {}
        for key, item in zip(value.keys, value.items):
            if key.kind != "node":
                return CaseVerdict(False, f"a key of your dict is {describe_kind(key)}, not one of the graph's "
                                      "tensors; use the Tensor objects themselves as keys.", every)
            given[key.index] = item
        got, tally = [], Tally(case)
        for c, (i, expected) in enumerate(zip(nodes, case.expected)):
            item = given.get(i)
            got.append(item.data if item is not None and item.kind in ("array", "number") else None)
            if item is None:
                tally.fail(c, f"{node_name(spec, i)} has no gradient in your dict.")
            else:
                tally.compare(c, item, expected, names[c], f"the shape of {node_name(spec, i)}")
        if tally.failing:
            problems = tally.problems
            text = " ".join(problems[:3]) + (f" ({len(problems) - 3} more.)" if len(problems) > 3 else "")
            return CaseVerdict(False, text, tuple(tally.failing), tuple(got), tally.max_error, tally.worst)
        return CaseVerdict(True, None, (), tuple(got), tally.max_error)


@dataclass(frozen=True)
class Simulated:
    """backward_pass: the student's gradients equal backprop done with a known mistake on every
    failing graph where that mistake matters (the same numbers, and no entry exactly where that
    pass gives none), and no graph the student got right is one the mistake changes.
    results(case): every result that mistaken pass may give on the case (a pass that overwrites
    keeps whichever gradient arrived last, which depends on its order: several), each one array
    per node of `case.info["nodes"]`, None where that pass gives none."""

    mistake: str
    results: Callable
    seen: str = ""
    hint: str = ""

    def find(self, evidence):
        if self._contradicted(evidence):
            return None
        pairs, mismatch = set(), False
        for i in sorted({i for i, _ in evidence.failing}):
            case = evidence.cases[i]
            options = [predicted for predicted in self.results(case)
                       if not all(p is not None and close(p, e, case.rtol, case.atol)
                                  for p, e in zip(predicted, case.expected))]
            if not options:
                continue   # the mistake changes nothing on this graph
            if evidence.outcomes[i].status != "returned" or evidence.verdicts[i].got is None:
                continue   # nothing came back to compare
            got = [evidence.got(i, c) for c in range(len(case.info["nodes"]))]
            if any(self._same(got, predicted, case) for predicted in options):
                pairs.update((i, c) for ii, c in evidence.failing if ii == i)
            else:
                mismatch = True   # a gradient missing where the mistake gives one counts against it
        if pairs and not mismatch:
            return Finding(self.mistake, pairs, seen=self.seen, hint=self.hint)
        return None

    def _contradicted(self, evidence) -> bool:
        """A graph the student got right, where every pass the mistake may give changes the result,
        shows the mistake was not made (as for a `Variant`): a pass that leaves out the nodes whose
        gradient is 0 is not the leaves-first order because the two agree on a dead relu, when that
        order would have got a chain wrong and the student got it right."""
        failing = {i for i, _ in evidence.failing}
        for i, case in enumerate(evidence.cases):
            if i in failing or case.kind == "engine" or evidence.outcomes[i].status != "returned" \
                    or evidence.verdicts[i].got is None:
                continue
            options = self.results(case)
            if options and not any(all(p is not None and close(p, e, case.rtol, case.atol)
                                       for p, e in zip(predicted, case.expected)) for predicted in options):
                return True
        return False

    @staticmethod
    def _same(got, predicted, case) -> bool:
        """Each node's gradient as the mistake gives it: the same numbers, or missing where it gives none."""
        return all((g is None) == (p is None) and
                   (g is None or close(g, p, max(case.rtol, 1e-6), max(case.atol, 1e-9)))
                   for g, p in zip(got, predicted))
