"""The detectors that recognise known mistakes (their words: `autograder.catalogue`).

A detector looks at the judged cases (never at the student's code) and says which
failures a mistake explains:

- `Variant`: what a solution with this mistake returns, computed from a case's inputs
  (e.g. minus the reference, the reference transposed, the derivative at x instead of at
  the output). The student's results must match it on *every* failing case of that
  component — one coincidence is not enough. A `joint` variant ties the components together
  (each input gets the other's gradient): there, every component of a failing case must match.
  `factor_variants` writes a family of them: the reference times every product of the
  case's own quantities (h², 1/n, N/C, ...).
- `ConstantFactor`: the student's results are one constant c ≠ ±1 times the expected ones
  (fitted over every failing case; said with the factor: "0.5 times the expected one").
- `OnlyWhere`: the results differ from the expected ones only where an input is special
  (exactly 0 for relu: the kink), whatever value stands there.
- `Unchanged`: a probe case repeats another with the upstream gradient scaled by −5; a result
  that does not change ignores the upstream gradient (a result that reads only G's sign, such
  as the boolean G·x > 0, changes with it).
- `ErrorPattern`: the student's code raised an error of a telling kind (e.g. numpy could
  not multiply two shapes, a sign of a transposed product).
- `InPlace`: the student's code wrote into an array it was given (read-only here).
- `Unstable`: overflow warnings, NaN or inf on the stability cases (inputs near ±1000), and
  the results right wherever nothing overflowed.

`name_mistakes` then picks, greedily, the mistakes that explain the most failures.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np


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
    """Same shape and allclose; NaN matches NaN (a mistake that makes 0/0 predicts the NaN)."""
    a, b = np.asarray(a), np.asarray(b)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=True))


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
    alternatives: bool = False  # result(case)[c] is a list of results, any of which the mistake may give
                                # (e.g. 2/λ for every eigenvalue λ but the largest)
    joint: bool = False   # the mistake ties the components together (each input gets the other's
                          # gradient): a case is explained only when every component it predicts matches,
                          # the passing ones included
    beyond: Callable | None = None   # beyond(case)[c]: a size from which any result, or one not finite, is
                                     # also the mistake's (2/λ for an eigenvalue 0 up to rounding is 2/noise);
                                     # never named on such cases alone

    def find(self, evidence: Evidence) -> Finding | None:
        if self.joint:
            return self._find_joint(evidence)
        explained = set()
        if self.same_error:
            explained.update((i, c) for i, c in evidence.failing if self._raises_same(evidence, i))
        for c in range(len(evidence.components)):
            pairs = [i for i, cc in evidence.failing if cc == c and evidence.got(i, c) is not None]
            matched, huge, mismatched = [], [], False
            for i in pairs:
                case = evidence.cases[i]
                predicted = self._predicted(case, c)
                options = [] if predicted is None else list(predicted) if self.alternatives else [predicted]
                options = [p for p in options if not close(p, case.expected[c], *_tolerance(case))]
                if self._is_beyond(case, c, evidence.got(i, c)):
                    huge.append(i)
                    continue
                if not options:
                    continue  # the mistake changes nothing on this case: no evidence either way
                if any(close(evidence.got(i, c), p, *_tolerance(case)) for p in options):
                    matched.append(i)
                else:
                    mismatched = True
                    break
            if matched and not mismatched and not self._contradicted(evidence, c):
                explained.update((i, c) for i in matched + huge)
        return Finding(self.mistake, explained, self.detail, self.seen, self.hint) if explained else None

    def _is_beyond(self, case, c: int, got) -> bool:
        """Whether `got` is at least `beyond`'s size for this case and component (or not finite)."""
        if self.beyond is None:
            return False
        bound = self.beyond(case)
        if bound is None or c >= len(bound) or bound[c] is None:
            return False
        return not np.all(np.abs(np.asarray(got, dtype=np.float64)) < bound[c])

    def _contradicted(self, evidence: Evidence, c: int) -> bool:
        """A case the student got right, where the mistake gives another result, shows the mistake
        was not made (an integer that happens to equal the default-step slope is no fixed step).
        Not for `alternatives`: a mistake that may give any of several results may give the right one."""
        if self.alternatives:
            return False
        for i, case in enumerate(evidence.cases):
            if (i, c) in evidence.failing or case.kind == "engine" or evidence.got(i, c) is None:
                continue
            predicted = self._predicted(case, c)
            if predicted is not None and not close(predicted, case.expected[c], *_tolerance(case)):
                return True
        return False

    def _find_joint(self, evidence: Evidence) -> Finding | None:
        """Every failing case must give the mistake's result on *every* component it predicts
        (one component that happens to fit, beside one that is right, is not the mistake)."""
        if any(self._contradicted(evidence, c) for c in range(len(evidence.components))):
            return None
        explained = set()
        for i in sorted({i for i, _ in evidence.failing}):
            case = evidence.cases[i]
            predicted = [self._predicted(case, c) for c in range(len(evidence.components))]
            given = [c for c, p in enumerate(predicted) if p is not None]
            if not any(not close(predicted[c], case.expected[c], *_tolerance(case)) for c in given):
                continue  # the mistake changes nothing on this case: no evidence either way
            got = [evidence.got(i, c) for c in given]
            if any(g is None for g in got):
                continue  # nothing came back to compare
            if not all(close(g, predicted[c], *_tolerance(case)) for g, c in zip(got, given)):
                return None
            explained.update((i, c) for c in given if (i, c) in evidence.failing)
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
            with np.errstate(all="ignore"):   # the mistake's own overflow or 0/0 is its result, not the judge's
                result = self.result(case)
        except (ValueError, IndexError, ZeroDivisionError, FloatingPointError):
            return None
        if result is None or c >= len(result):
            return None
        return result[c]


@dataclass(frozen=True)
class Unchanged:
    """A probe repeats a case with the upstream gradient scaled (by −5: sign and size); an unchanged
    result means the upstream gradient is ignored. Explains every failure of the components concerned."""

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
    """On the stability cases: numpy warned about overflow, or the result is not finite — and the
    result is wrong only where that happens. A component that also fails on a case without any sign
    of overflow (no warning, every number finite) has another mistake: its blow-up on huge inputs
    may be that mistake's, not an overflow (the max subtracted over the wrong axis), so it is not
    named unstable."""

    mistake: str = "unstable"

    def find(self, evidence: Evidence) -> Finding | None:
        pairs = {(i, c) for i, c in evidence.failing
                 if evidence.cases[i].kind == "stability" and self._overflowed(evidence, i, c)}
        wrong_elsewhere = {c for i, c in evidence.failing if not self._overflowed(evidence, i, c)}
        pairs = {(i, c) for i, c in pairs if c not in wrong_elsewhere}
        return Finding(self.mistake, pairs) if pairs else None

    @staticmethod
    def _overflowed(evidence: Evidence, i: int, c: int) -> bool:
        outcome, got = evidence.outcomes[i], evidence.got(i, c)
        warned = any(NUMERIC_WARNING.search(w) for w in outcome.warnings)
        return warned or (got is not None and not np.all(np.isfinite(got)))


def _offset(offset, case, c: int):
    return 0.0 if offset is None else np.asarray(offset(case)[c], dtype=np.float64)


@dataclass(frozen=True)
class ConstantFactor:
    """The student's results are c times the expected ones, one constant c ≠ 0, ±1 for every
    failing case of a component (fitted by least squares, then checked case by case with the
    case's tolerance). At least two expected numbers that are not 0 must agree, so that a single
    wrong number (which is always *some* multiple of the right one) names nothing.

    offset(case) -> one array per component that the factor does not touch: for an update
    x − η·g the step is what is scaled, so offset gives x. basis(case) -> what c multiplies, one
    array per component (default: the expected result minus the offset). what: the word for the
    scaled thing; seen: the student's words instead, with {factor} where c goes.

    As for a `Variant`, a case the student got right contradicts the factor where offset + c·basis
    differs from the expected result. cap(case) -> the case's own value of what c stands for (the
    learning rate): a mistake that replaces it by c only where it exceeds c (a rate capped at c)
    leaves the cases with cap(case) ≤ c alone, so those contradict nothing.
    """

    mistake: str = "missing_factor"
    offset: Callable | None = None
    what: str = "result"
    basis: Callable | None = None
    seen: str = ""
    cap: Callable | None = None

    def find(self, evidence: Evidence) -> Finding | None:
        explained, factors = set(), {}
        for c in range(len(evidence.components)):
            fitted = self._fit(evidence, c)
            if fitted is not None and not self._contradicted(evidence, c, fitted[0]):
                factor, pairs = fitted
                factors[c] = factor
                explained.update((i, c) for i in pairs)
        if not explained:
            return None
        if self.seen:
            seen = self.seen.format(factor=f"{next(iter(factors.values())):.4g}".replace("-", "−"))
        elif len(factors) == 1 or len({round(f, 6) for f in factors.values()}) == 1:
            seen = f"Your {self.what} is {_times(next(iter(factors.values())))} the expected one."
        else:
            seen = "Your " + ", your ".join(f"{evidence.components[c]} is {_times(f)}"
                                            for c, f in factors.items()) + " the expected one."
        return Finding(self.mistake, explained, seen=seen)

    def _fit(self, evidence: Evidence, c: int):
        rows = []
        for i, cc in evidence.failing:
            got = evidence.got(i, c) if cc == c else None
            if got is None:
                continue
            case = evidence.cases[i]
            base = _offset(self.offset, case, c)
            expected = np.asarray(case.expected[c], dtype=np.float64)
            got = np.asarray(got, dtype=np.float64)
            if got.shape != expected.shape or not np.all(np.isfinite(got)):
                return None
            unit = expected - base if self.basis is None else np.asarray(self.basis(case)[c], dtype=np.float64)
            rows.append((i, case, np.broadcast_to(unit, expected.shape), got - base))
        if not rows:
            return None
        e = np.concatenate([r[2].ravel() for r in rows])
        g = np.concatenate([r[3].ravel() for r in rows])
        if np.sum(np.abs(e) > 1e-9 * max(np.max(np.abs(e)), 1e-300)) < 2:
            return None
        factor = float(np.dot(g, e) / np.dot(e, e))
        if not np.isfinite(factor) or min(abs(factor), abs(factor - 1), abs(factor + 1)) < 1e-3:
            return None
        if all(close(got, factor * want, *_tolerance(case)) for _, case, want, got in rows):
            return factor, [r[0] for r in rows]
        return None

    def _contradicted(self, evidence: Evidence, c: int, factor: float) -> bool:
        """Whether a case the student got right is one the factor would change (a ×¼ step fitted on
        a rate of 2 is no missing factor when the rates of 0.1 came out right)."""
        for i, case in enumerate(evidence.cases):
            if (i, c) in evidence.failing or case.kind == "engine" or evidence.got(i, c) is None:
                continue
            predicted = self._prediction(case, c, factor)
            if predicted is not None and not close(predicted, case.expected[c], *_tolerance(case)):
                return True
        return False

    def _prediction(self, case, c: int, factor: float):
        if self.cap is not None and self.cap(case) <= factor * (1 + 1e-9):
            return None
        base = _offset(self.offset, case, c)
        expected = np.asarray(case.expected[c], dtype=np.float64)
        unit = expected - base if self.basis is None else np.asarray(self.basis(case)[c], dtype=np.float64)
        return base + factor * np.broadcast_to(unit, expected.shape)


def _times(factor: float) -> str:
    """'0.5 times', '2 times', '-3 times' (up to 4 significant digits)."""
    return f"{factor:.4g} times".replace("-", "−")


@dataclass(frozen=True)
class OnlyWhere:
    """The results differ from the expected ones only where `where(case)` (a boolean array per
    component, from the case's inputs) is True, on every failing case — whatever the values
    there. For relu, where x is exactly 0: the kink."""

    mistake: str
    where: Callable
    seen: str = ""

    def find(self, evidence: Evidence) -> Finding | None:
        explained = set()
        for c in range(len(evidence.components)):
            pairs = [i for i, cc in evidence.failing if cc == c and evidence.got(i, c) is not None]
            matched = []
            for i in pairs:
                case = evidence.cases[i]
                if case.kind == "engine":
                    continue
                mask = np.asarray(self.where(case)[c], dtype=bool)
                got, expected = np.asarray(evidence.got(i, c)), np.asarray(case.expected[c])
                if got.shape != expected.shape or mask.shape != expected.shape or not mask.any():
                    break
                rtol, atol = _tolerance(case)
                if not np.allclose(got[~mask], expected[~mask], rtol=rtol, atol=atol):
                    break
                matched.append(i)
            else:
                explained.update((i, c) for i in matched)
        return Finding(self.mistake, explained, seen=self.seen) if explained else None


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


def transposed_reshaped(components=None):
    """Variant result: the reference transposed, then reshaped to its own shape (a transposed
    product whose shape was mended with reshape: the numbers in the wrong places)."""
    def result(case):
        return tuple(e.T.reshape(e.shape) if e.ndim == 2 and (components is None or c in components) else None
                     for c, e in enumerate(case.expected))
    return result


def factor_variants(quantities: dict, mistake: str = "missing_factor", constants=(1.0, 2.0, 0.5),
                    exponents=(-1, 1), terms: int = 2, components=None, offset=None,
                    what: str = "result") -> tuple:
    """A family of `Variant`s: the reference times c·q1^e1·q2^e2 for every constant c, every one
    or two (`terms`) of the case's `quantities` and every exponent — a factor that depends on
    the case (1/n, N/C, ...), which `ConstantFactor` cannot fit. A factor missing or extra is a
    quantity the exercise defines to the power ±1; a square (h²) only where a slip can make one
    (h in a denominator 2h, moved on top by `/ 2 * h`), not for a quantity divided where it
    should multiply (x − g/η is 1/η² times the step, and no missing factor).

    quantities: {name: (case -> float, what the name means)}, e.g. {"h": (step, "the step size")}.
    components: the components scaled (all if None); offset: as for `ConstantFactor`.
    """
    from itertools import combinations, product
    names = list(quantities)
    family = []
    for k in range(1, terms + 1):
        for chosen in combinations(names, k):
            for powers in product(exponents, repeat=k):
                for constant in constants:
                    text = _factor_text(constant, chosen, powers)
                    legend = ", ".join(f"{n} {quantities[n][1]}" for n in chosen)
                    family.append(Variant(
                        mistake, _scaled_by(constant, [quantities[n][0] for n in chosen], powers, components, offset),
                        seen=f"Your {what} is {text} times the expected one ({legend})."))
    return tuple(family)


def _scaled_by(constant, functions, powers, components, offset):
    def result(case):
        factor = constant * float(np.prod([float(f(case)) ** p for f, p in zip(functions, powers)]))
        return tuple(None if components is not None and c not in components else
                     _offset(offset, case, c) + factor * (np.asarray(e) - _offset(offset, case, c))
                     for c, e in enumerate(case.expected))
    return result


def _factor_text(constant: float, names, powers) -> str:
    """'2·h²', 'n/2', 'N/C', '1/(2·h)'."""
    square = {1: "", 2: "²", 3: "³"}
    top = [f"{n}{square[p]}" for n, p in zip(names, powers) if p > 0]
    bottom = [f"{n}{square[-p]}" for n, p in zip(names, powers) if p < 0]
    if constant > 1:
        top.insert(0, f"{constant:g}")
    elif constant < 1:
        bottom.insert(0, f"{1 / constant:g}")
    numerator = "·".join(top) or "1"
    if not bottom:
        return numerator
    denominator = bottom[0] if len(bottom) == 1 else "(" + "·".join(bottom) + ")"
    return f"{numerator}/{denominator}"
