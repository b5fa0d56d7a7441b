"""The text a student reads: short when all is well, precise when not.

    ✓ sigmoid_backward: 10/10 cases passed; it also trains logistic regression inside the engine.

On a failure: the named mistake with a hint, the smallest failing case (its inputs,
expected against got, the worst element, the relative error and what it means), one line
per case, and what happened inside the engine. Plain text, so it reads the same in
JupyterLab, nbval and nbgrader's feedback; no line is longer than `_WIDTH` characters, so
`nbgrader validate` (which cuts lines at 90 characters, its indent included) shows it whole.
"""
from __future__ import annotations

import numpy as np

from minigrad.gradcheck import describe_relative_error, explain_relative_error, relative_error

from .catalogue import CATALOGUE

PASS, FAIL = "✓", "✗"
_WIDTH = 82


def report(exercise, cases, outcomes, verdict) -> str:
    """The student's report on a judged suite (`autograder.judge.Verdict`)."""
    verdicts = verdict.cases
    engine_line = _engine_line(exercise, cases, verdicts)
    if verdict.passed:
        head = f"{PASS} {exercise.id}: {verdict.cases_passed}/{len(cases)} cases passed"
        return head + (f"; {engine_line}." if engine_line else ".")
    if verdicts and all(v.passed for c, v in zip(cases, verdicts) if c.kind == "engine"):
        engine_line = engine_line.replace("it also ", "with your function it still ", 1)
    lines = [f"{FAIL} {exercise.id}: {verdict.cases_passed} of {len(cases)} cases passed "
             f"({_percent(verdict.fraction)})."]
    failing = [(v, o) for c, v, o in zip(cases, verdicts, outcomes) if not v.passed and c.kind != "engine"]
    lines += _mistake_lines(verdict.findings, failing)
    lines += _smallest_failure(exercise, cases, outcomes, verdicts)
    lines += ["", "Cases:"] + [line for c, v in zip(cases, verdicts) for line in _case_lines(c, v)]
    if engine_line:
        lines += [""] + _wrapped(f"In context: {engine_line.rstrip('.')}.", "")
    return "\n".join(lines)


# ----- pieces ----------------------------------------------------------------------------------
def _percent(fraction: float) -> str:
    return f"{100 * fraction:.0f}% of the points"


def _mistake_lines(findings, failing: list) -> list:
    """failing: (CaseVerdict, Outcome) of the failing cases."""
    if not findings and failing and all(o.status == "raised" and (o.error or "").startswith("NotImplementedError")
                                        for _, o in failing):
        return [""] + _wrapped("Not written yet: replace `raise NotImplementedError()` with your code, run "
                               "that cell, then run this one again.", "")
    if not findings and failing and all(v.form for v, _ in failing):
        return [""] + _wrapped("What your function returns has the wrong form (its type, dtype, shape or "
                               "number of results); the smallest failing case below says what it should be.", "")
    if not findings:
        return ["", "This does not match a mistake I know; the smallest failing case below should help."]
    first = CATALOGUE[findings[0].mistake]
    lines = [""] + _wrapped(f"Likely mistake: {first.name}.", "")
    seen = findings[0].seen or first.seen
    lines += _wrapped(seen + (f" {findings[0].detail}" if findings[0].detail else ""), "  ")
    lines += _wrapped(f"Hint: {findings[0].hint or first.hint}", "  ")
    others = list(dict.fromkeys(CATALOGUE[f.mistake].name for f in findings[1:]
                                if f.mistake != first.id))
    if others:
        lines += _wrapped("Also found: " + "; ".join(others) + ".", "  ")
    return lines


def _smallest_failure(exercise, cases, outcomes, verdicts) -> list:
    failing = [i for i, v in enumerate(verdicts) if not v.passed and cases[i].kind != "engine"]
    if not failing:
        return []
    i = min(failing, key=lambda k: (cases[k].size, k))
    case, outcome, verdict = cases[i], outcomes[i], verdicts[i]
    lines = [""] + _wrapped(f"Smallest failing case — {case.name}:", "")
    lines += _argument_lines(exercise, case)
    lines += _wrapped(f"Problem: {verdict.problem}", "  ")
    if verdict.worst is not None:
        lines += _expected_got(exercise, case, verdict)
    if outcome.printed:
        text = outcome.printed if len(outcome.printed) < 400 else outcome.printed[:400] + " …"
        more = (f" ({outcome.printed_chars:,} characters in all)" if outcome.printed_chars > len(text) else "")
        lines.append(f"  Your function printed{more}:")
        lines += ["    " + _shorten(line, _WIDTH - 4) for line in text.rstrip().splitlines()[:8]]
    return lines


def _argument_lines(exercise, case) -> list:
    pairs = exercise.describe_args(case)
    width = max((len(name) for name, _ in pairs), default=0)
    lines = []
    for name, value in pairs:
        lines += _labelled(name.ljust(width), value, "  ")
    return lines


def _expected_got(exercise, case, verdict) -> list:
    c, at, expected, got = verdict.worst
    names = exercise.component_names(case)
    name = names[c]
    lines = _labelled(f"expected {name}", case.expected[c] + 0.0, "  ")  # + 0.0 turns -0 into 0
    if verdict.got is not None and verdict.got[c] is not None:
        lines += _labelled(f"got {name}".rjust(len(f"expected {name}")), verdict.got[c], "  ")
    where = f" at index {list(at)}" if at else ""
    error = float(relative_error(got, expected)) if np.isfinite(got) else float("inf")
    expected, got = expected + 0.0, got + 0.0
    lines += _wrapped(f"Worst element{where}: expected {expected:.6g}, got {got:.6g}; relative error "
                      f"{error:.1e} ({explain_relative_error(error)}).", "  ")
    if verdict.numerical_error is not None and describe_relative_error(verdict.numerical_error) in ("good",
                                                                                                    "acceptable"):
        lines.append(f"  Central differences agree with the expected values (relative error "
                     f"{verdict.numerical_error:.0e}).")
    return lines


def _case_lines(case, verdict) -> list:
    if verdict.passed:
        return _wrapped(f"{PASS} {case.name}", "  ")
    text = f"{FAIL} {case.name}: {verdict.problem}"
    if verdict.mistake:
        text += f" [{CATALOGUE[verdict.mistake].name}]"
    return _wrapped(_shorten(text, 240), "  ")


def _engine_line(exercise, cases, verdicts) -> str:
    runs = [(c, v) for c, v in zip(cases, verdicts) if c.kind == "engine"]
    if not runs:
        return ""
    case, verdict = runs[0]
    if verdict.passed:
        return case.info["passed_text"]
    return f"{case.info['failed_text']}: {verdict.problem}"


# ----- formatting ------------------------------------------------------------------------------
def format_value(value, width: int = 70) -> str:
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return f"{float(value):.6g}"
        return np.array2string(value, precision=4, threshold=24, edgeitems=3, max_line_width=width)
    if isinstance(value, float):
        return f"{value:.6g}"
    describe = getattr(value, "describe", None)
    return describe() if callable(describe) else repr(value)


def _labelled(label: str, value, indent: str) -> list:
    text = format_value(value, max(40, _WIDTH - len(indent) - len(label) - 3)).splitlines() or [""]
    if hasattr(value, "describe") and len(text) > 1:   # a graph: one node per line
        return [f"{indent}{label.strip()}:"] + [f"{indent}  {line}" for line in text[:40]]
    pad = " " * (len(label) + 3)
    return [f"{indent}{label} = {text[0]}"] + [f"{indent}{pad}{line}" for line in text[1:12]]


def _wrapped(text: str, indent: str) -> list:
    import textwrap
    return textwrap.wrap(text, width=_WIDTH, initial_indent=indent, subsequent_indent=indent + "  ") or [indent]


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 2] + " …"
