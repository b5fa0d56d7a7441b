"""The catalogue of known mistakes, and the detectors that recognise them.

A mistake is data: an id, its name in plain words, how the checker recognised it and a
hint that points at the slip without handing over the answer. A detector looks at the
judged cases (never at the student's code) and says which failures the mistake explains:

- `Variant`: what a solution with this mistake returns, computed from a case's inputs
  (e.g. minus the reference, the reference transposed, the derivative at x instead of at
  the output). The student's results must match it on *every* failing case of that
  component — one coincidence is not enough.
- `Unchanged`: a probe case repeats another with the upstream gradient scaled; a result
  that does not change ignores the upstream gradient.
- `ErrorPattern`: the student's code raised an error of a telling kind (e.g. numpy could
  not multiply two shapes, a sign of a transposed product).
- `InPlace`: the student's code wrote into an array it was given (read-only here).
- `Unstable`: overflow warnings, NaN or inf on the stability cases (inputs near ±1000).

`name_mistakes` then picks, greedily, the mistakes that explain the most failures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

import numpy as np


@dataclass(frozen=True)
class Mistake:
    id: str
    name: str      # "ignores the upstream gradient"
    seen: str      # how the checker recognised it, addressed to the student
    hint: str      # a nudge, not the answer


CATALOGUE: dict[str, Mistake] = {m.id: m for m in [
    Mistake("ignored_upstream", "ignores the upstream gradient",
            "Your result stayed the same when grad_output (the gradient arriving from above) was "
            "multiplied by 5, so grad_output does not enter your answer.",
            "A backward function turns dL/d(output) into dL/d(input). The local derivative alone "
            "is only half of the chain rule: what is the other half?"),
    Mistake("overwrite_fanout", "overwrites a gradient instead of adding it up (fan-out)",
            "Your gradients are wrong only for tensors used more than once (like x in x * x or a "
            "diamond), where they equal the share of a single path.",
            "A tensor that feeds several nodes receives a gradient from each of them. What should "
            "happen when a second one arrives for a tensor that already has one?"),
    Mistake("transposed", "a transposed (or wrongly ordered) matrix product",
            "Your result is the expected one transposed, has the transposed shape, or numpy could "
            "not multiply the shapes you combined.",
            "Write down the shape of every array. A gradient has the shape of what it is the "
            "gradient of; which order of factors, and which transposes, produce exactly that shape?"),
    Mistake("wrong_product", "an elementwise product where a matrix product belongs (or the reverse)",
            "Your result matches * where @ was needed (or the other way round), or numpy could not "
            "broadcast the shapes you multiplied elementwise.",
            "* multiplies entry by entry; @ sums products over a shared axis. For each gradient, ask "
            "which index is summed over in the forward computation."),
    Mistake("swapped", "the two inputs' gradients are swapped",
            "Your gradient for the first input is the one the second input should get, and the "
            "other way round.",
            "Nudge one input a little while the other stays fixed: how much does the output move? "
            "That factor belongs to the input you nudged."),
    Mistake("missing_broadcast_sum", "no sum over the broadcast axes",
            "The gradient of the input that was broadcast has the output's shape (or misses the "
            "contributions of all but one row).",
            "A broadcast input was used once for every row (or column) of the output, and every "
            "use sends a gradient back. Which axes did broadcasting add or stretch?"),
    Mistake("wrong_point", "the derivative is evaluated at the wrong quantity",
            "Your result matches the right formula evaluated at the wrong value — for example at "
            "the input x where the output was meant, or σ(1 − x) where 1 − σ(x) was meant.",
            "Check what each variable holds: x is the input, out = f(x) is the output. Write the "
            "derivative down on paper first, then check each factor is evaluated at the same point."),
    Mistake("sign_error", "a sign error",
            "Your result is exactly minus the expected one.",
            "Follow the signs step by step. Moving against the gradient lowers the loss; check each "
            "minus sign in your formula (and the order of a subtraction)."),
    Mistake("missing_factor", "a constant factor is missing or extra",
            "Your result is the expected one times a constant.",
            "Differentiate every part of the formula, constants included: an average divides by "
            "the number of terms, and the power rule brings a factor down."),
    Mistake("wrong_order", "nodes (or stages) taken in the wrong order",
            "Your result is right on simple chains but wrong on graphs where a node can be reached "
            "along paths of different lengths, such as add(neg(neg(y)), y).",
            "A node may pass its gradient on only once every node that uses it has sent its share. "
            "Breadth-first order does not guarantee that; which order of the graph does?"),
    Mistake("repeated_nodes", "shared nodes are visited more than once",
            "Tensors used by several nodes appear more than once in your result.",
            "Remember which nodes you have already placed, and skip them when you meet them again."),
    Mistake("in_place", "changes an array it was given",
            "Your function wrote into one of its input arrays. Inputs are read-only here (numpy "
            "says 'assignment destination is read-only'), because the caller still needs them.",
            "Build a new array for your result instead of modifying one you received: operators "
            "such as *= and -= or slice assignment change the array itself."),
    Mistake("unstable", "numerically unstable for large inputs",
            "For inputs around ±1000 your function overflowed: numpy warned, or the result "
            "contains inf or NaN.",
            "exp of a large number overflows. Rearrange the formula so that exp only ever sees "
            "arguments that are zero or negative; the value of the formula must not change."),
    Mistake("kink_convention", "the wrong value at the kink",
            "Your result differs only where the input is exactly 0.",
            "relu has no derivative at 0, so a convention decides; this course uses relu'(0) = 0. "
            "Which comparison puts 0 on the right side?"),
    Mistake("stale_gradient", "gradients left over from an earlier backward pass",
            "Each row of your result contains the rows before it added in.",
            "backward() adds into .grad instead of replacing it. What must happen to x.grad "
            "before each new backward pass?"),
    Mistake("forward_difference", "a one-sided (forward) difference",
            "Your value equals (f(x + h) − f(x)) / h, which is less accurate than a central "
            "difference.",
            "Step to both sides of x, the same distance each way. How far apart are the two points "
            "you divide by?"),
    Mistake("fixed_step", "ignores the step size it is given",
            "Your result does not change when the step size h (or eps) changes.",
            "Use the step size argument of your function rather than a number of your own."),
    Mistake("missing_onehot", "forgets the target term",
            "Your result equals the softmax probabilities alone (scaled as expected), without "
            "the contribution of the correct labels.",
            "The loss reads the probability of the correct class. Which entries of the gradient "
            "does that add to, and by how much?"),
    Mistake("wrong_eigenvalue", "uses the wrong eigenvalue",
            "Your rate is 2/λ for the smallest eigenvalue of H. Along the steepest direction, the "
            "largest eigenvalue, that rate is too large: descent diverges there first.",
            "np.linalg.eigvalsh returns the eigenvalues in increasing order. Which one limits the "
            "learning rate?"),
    Mistake("wrong_axes", "the line is fitted to the wrong quantities",
            "Your slope is not the one of log(times) against log(sizes).",
            "A power law t = a·d^p is a straight line only between log d and log t. Which goes on "
            "which axis?"),
    Mistake("not_least_squares", "a slope through two points, not a least-squares fit",
            "Your slope is the one of the line through the first and the last point only; it agrees "
            "on exact power laws but not on noisy measurements.",
            "Every measurement is noisy. Fit one straight line through all of the points."),
    Mistake("wrong_error_measure", "the error is not measured as the largest relative error",
            "Your check does not report max over the elements of |a − n| / max(1e-8, |a| + |n|).",
            "A relative error must not depend on the scale of the numbers, and one bad element must "
            "be enough to fail. Which formula, and which reduction over the elements, do both?"),
    Mistake("no_shuffle", "the indices are not shuffled",
            "Your batches hold the indices in order 0, 1, 2, ... instead of a random permutation.",
            "Minibatches should mix the samples: draw one permutation from the generator you "
            "are given, then cut it into batches."),
    Mistake("ignores_rng", "the shuffle does not come from rng.permutation(n)",
            "Your batches are a valid random split, but not the consecutive pieces of "
            "rng.permutation(n), so nobody can reproduce your run from the seed.",
            "Draw the permutation from the `rng` argument, not from np.random or a new generator."),
    Mistake("drops_last", "the last, smaller batch is lost",
            "When batch_size does not divide n, the left-over indices are missing from your result.",
            "Count the indices in your batches: every sample must appear exactly once per epoch."),
]}


# ----- what the detectors read -----------------------------------------------------------
@dataclass
class Evidence:
    """The judged cases, as the detectors see them (plain data only).

    cases, outcomes, verdicts: parallel lists. failing: the (case index, component index)
    pairs that failed, engine runs excluded. got[i][c]: the student's numbers for that
    component (a float64 array of any shape) or None.
    """

    cases: list
    outcomes: list
    verdicts: list
    components: tuple
    failing: set = field(default_factory=set)

    def got(self, i: int, c: int):
        values = self.verdicts[i].got
        return values[c] if values is not None and c < len(values) else None


@dataclass
class Finding:
    """A mistake that explains the failing (case, component) pairs in `pairs`.

    detail: a remark added to the catalogue's description ("(Here: σ(x)·σ(1 − x).)");
    seen, hint: replace the catalogue's description and hint when an exercise has better words.
    """

    mistake: str
    pairs: set
    detail: str = ""
    seen: str = ""
    hint: str = ""


def close(a, b, rtol: float, atol: float) -> bool:
    a, b = np.asarray(a), np.asarray(b)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol))


def _tolerance(case):
    return max(case.rtol, 1e-6), max(case.atol, 1e-9)


@dataclass(frozen=True)
class Variant:
    """A mistake recognised by its result: `result(case)` is what a solution with the
    mistake returns on that case (a tuple with an entry per component, None where the
    mistake changes nothing or cannot be computed), or None for a case it does not apply to."""

    mistake: str
    result: Callable
    detail: str = ""
    seen: str = ""
    hint: str = ""
    same_error: bool = False   # also explains a case where the student's code raised the very
                               # error that a solution with this mistake raises there

    def find(self, evidence: Evidence) -> Finding | None:
        explained = set()
        if self.same_error:
            explained.update((i, c) for i, c in evidence.failing if self._raises_same(evidence, i))
        for c in range(len(evidence.components)):
            pairs = [i for i, cc in evidence.failing if cc == c and evidence.got(i, c) is not None]
            matched, mismatched = [], False
            for i in pairs:
                case = evidence.cases[i]
                predicted = self._predicted(case, c)
                if predicted is None or close(predicted, case.expected[c], *_tolerance(case)):
                    continue  # the mistake changes nothing on this case: no evidence either way
                if close(evidence.got(i, c), predicted, *_tolerance(case)):
                    matched.append(i)
                else:
                    mismatched = True
                    break
            if matched and not mismatched:
                explained.update((i, c) for i in matched)
        return Finding(self.mistake, explained, self.detail, self.seen, self.hint) if explained else None

    def _raises_same(self, evidence: Evidence, i: int) -> bool:
        error, case = evidence.outcomes[i].error, evidence.cases[i]
        if not error or case.kind == "engine":
            return False
        try:
            self.result(case)
        except Exception as err:  # noqa: BLE001 - the mistaken solution's own error, compared below
            return bool(str(err)) and str(err) in error
        return False

    def _predicted(self, case, c: int):
        if case.kind == "engine":
            return None
        try:
            result = self.result(case)
        except (ValueError, IndexError, ZeroDivisionError, FloatingPointError):
            return None
        if result is None or c >= len(result):
            return None
        return result[c]


@dataclass(frozen=True)
class Unchanged:
    """A probe repeats a case with the upstream gradient scaled; an unchanged result means the
    upstream gradient is ignored. Explains every failure of the components concerned."""

    mistake: str = "ignored_upstream"

    def find(self, evidence: Evidence) -> Finding | None:
        insensitive = set()
        for p, case in enumerate(evidence.cases):
            if case.pair is None:
                continue
            base = evidence.cases[case.pair]
            for c in range(len(evidence.components)):
                a, b = evidence.got(case.pair, c), evidence.got(p, c)
                if a is None or b is None or a.shape != b.shape or not np.all(np.isfinite(a)):
                    continue
                if np.max(np.abs(a), initial=0.0) < 1e-12:
                    continue  # all zeros: unchanged, but not for this reason
                reference_moves = not close(base.expected[c], case.expected[c], case.rtol, case.atol)
                if reference_moves and close(a, b, *_tolerance(case)):
                    insensitive.add(c)
        pairs = {(i, c) for i, c in evidence.failing if c in insensitive}
        return Finding(self.mistake, pairs) if pairs else None


@dataclass(frozen=True)
class ErrorPattern:
    """The student's code raised an error whose message matches `pattern`."""

    mistake: str
    pattern: str
    detail: str = ""
    seen: str = ""
    hint: str = ""

    def find(self, evidence: Evidence) -> Finding | None:
        regex = re.compile(self.pattern, re.IGNORECASE)
        pairs = {(i, c) for i, c in evidence.failing
                 if evidence.outcomes[i].error and regex.search(evidence.outcomes[i].error)}
        return Finding(self.mistake, pairs, self.detail, self.seen, self.hint) if pairs else None


READ_ONLY_ERROR = r"read-only|not writeable|WRITEABLE"


@dataclass(frozen=True)
class InPlace:
    """The student's code wrote into an input: numpy refused (read-only), or it changed."""

    mistake: str = "in_place"
    seen: str = ""
    hint: str = ""

    def find(self, evidence: Evidence) -> Finding | None:
        regex = re.compile(READ_ONLY_ERROR, re.IGNORECASE)
        pairs = set()
        for i, c in evidence.failing:
            outcome = evidence.outcomes[i]
            if outcome.mutated or (outcome.error and regex.search(outcome.error)):
                pairs.add((i, c))
        return Finding(self.mistake, pairs, seen=self.seen, hint=self.hint) if pairs else None


NUMERIC_WARNING = re.compile(r"overflow|invalid value|divide by zero", re.IGNORECASE)


@dataclass(frozen=True)
class Unstable:
    """On the stability cases: numpy warned about overflow, or the result is not finite."""

    mistake: str = "unstable"

    def find(self, evidence: Evidence) -> Finding | None:
        pairs = set()
        for i, c in evidence.failing:
            if evidence.cases[i].kind != "stability":
                continue
            outcome, got = evidence.outcomes[i], evidence.got(i, c)
            warned = any(NUMERIC_WARNING.search(w) for w in outcome.warnings)
            if warned or (got is not None and not np.all(np.isfinite(got))):
                pairs.add((i, c))
        return Finding(self.mistake, pairs) if pairs else None


# ----- naming ------------------------------------------------------------------------------
def name_mistakes(detectors, evidence: Evidence) -> list[Finding]:
    """The mistakes that explain the failures, the most explaining first (greedy cover)."""
    findings = []
    for detector in detectors:
        finding = detector.find(evidence)
        if finding is not None and finding.pairs:
            findings.append(finding)
    remaining = set(evidence.failing)
    named = []
    while remaining and findings:
        best = max(findings, key=lambda f: len(f.pairs & remaining))
        if not best.pairs & remaining:
            break
        named.append(best)
        remaining -= best.pairs
        findings.remove(best)
    return named


# ----- helpers for writing variants --------------------------------------------------------
def scaled(factor: float, components=None):
    """Variant result: the reference times `factor` (all components, or only those listed)."""
    def result(case):
        return tuple(None if components is not None and c not in components else e * factor
                     for c, e in enumerate(case.expected))
    return result


def transposed(components=None):
    """Variant result: the reference transposed (for components that are matrices)."""
    def result(case):
        return tuple(e.T if e.ndim == 2 and (components is None or c in components) else None
                     for c, e in enumerate(case.expected))
    return result
