"""Judging: a pure function of (exercise, cases, outcomes) — it never runs student code,
and it writes no text for the student (`autograder.report` does).

    verdict = judge(exercise, "visible", cases, outcomes)

The outcomes are plain data (`autograder.collecting.Outcome`), collected elsewhere — in the
notebook's kernel for `check`, or in a sandbox for the grading pipeline. For each case the
judge checks, in this order: that the code ran and returned; that it printed no flood of
text and changed none of its inputs; the kind, number, dtype and shape of what came back;
then the values against the reference (`autograder.compare`). Afterwards the exercise's
detectors (`autograder.detectors`) name the mistakes that explain the failures.
"""
from __future__ import annotations

from dataclasses import dataclass

from .collecting.runner import TOO_MUCH_PRINTED
from .collecting.values import Outcome
from .compare import CaseVerdict
from .detectors import NUMERIC_WARNING, Evidence, name_mistakes


@dataclass
class Verdict:
    """A suite, judged: one `CaseVerdict` per case and the named mistakes (`Finding`s, the
    one that explains the most failures first)."""

    exercise: str
    suite: str
    cases: list
    findings: list

    @property
    def cases_passed(self) -> int:
        return sum(v.passed for v in self.cases)

    @property
    def passed(self) -> bool:
        return self.cases_passed == len(self.cases)

    @property
    def fraction(self) -> float:
        return self.cases_passed / len(self.cases) if self.cases else 0.0

    @property
    def mistakes(self) -> list:
        """Every mistake named, main one first (ids of `autograder.catalogue.CATALOGUE`)."""
        return list(dict.fromkeys(f.mistake for f in self.findings))


def judge(exercise, suite: str, cases: list, outcomes: list) -> Verdict:
    """The verdict on every case, and the mistakes that explain the failures."""
    if len(cases) != len(outcomes):
        raise ValueError(f"{len(outcomes)} outcomes for {len(cases)} cases of {exercise.id}")
    verdicts = [judge_case(exercise, case, _checked_outcome(o)) for case, o in zip(cases, outcomes)]
    _explain_engine_recursion(exercise, cases, outcomes, verdicts)
    evidence = Evidence(cases, outcomes, verdicts, exercise.returns)
    evidence.failing = {(i, c) for i, v in enumerate(verdicts) if not v.passed and cases[i].kind != "engine"
                        for c in v.failing}
    findings = name_mistakes(exercise.detectors, evidence)
    for i, verdict in enumerate(verdicts):
        for finding in findings:
            if any(pair[0] == i for pair in finding.pairs & evidence.failing):
                verdict.mistake = finding.mistake
                break
    return Verdict(exercise.id, suite, verdicts, findings)


def judge_case(exercise, case, outcome: Outcome) -> CaseVerdict:
    """Run-level problems first (errors, time-outs, output floods, changed inputs), then the
    exercise's own judgement of what was returned."""
    every = tuple(range(len(exercise.component_names(case))))
    if outcome.status != "returned":
        return CaseVerdict(False, _not_returned(outcome), every)
    if outcome.printed_chars > TOO_MUCH_PRINTED:
        return CaseVerdict(False, f"it printed {outcome.printed_chars:,} characters (more than "
                              f"{TOO_MUCH_PRINTED:,}); remove the print calls, especially inside loops.", every)
    verdict = exercise.judge_result(case, outcome.value)
    if outcome.mutated:
        names = ", ".join(outcome.mutated)
        verdict = CaseVerdict(False, f"it changed its input {names} in place; the caller still needs the "
                                 "original values.", every, verdict.got)
    numeric = [w for w in outcome.warnings if NUMERIC_WARNING.search(w)]
    if verdict.passed and numeric:
        verdict = CaseVerdict(False, f"numpy warned ({numeric[0]}); a number overflowed or was undefined "
                                 "along the way, and a warning fails a notebook cell.", every, verdict.got)
    return verdict


def _checked_outcome(outcome) -> Outcome:
    if not isinstance(outcome, Outcome):
        raise TypeError(f"judge needs Outcome objects, got {type(outcome).__name__}")
    return outcome


def _explain_engine_recursion(exercise, cases, outcomes, verdicts) -> None:
    """A RecursionError through the student's code in the engine run only: there the student's function
    replaces the engine's code for the exercise, so a function that calls the engine to do the exercise's
    step (the op and its .backward()) calls itself without end. Said in words (a function that recurses
    without end by itself raises it outside the engine too, and keeps the plain message)."""
    def recursion(outcome):
        return outcome.status == "raised" and (outcome.error or "").startswith("RecursionError")
    if any(recursion(o) for c, o in zip(cases, outcomes) if c.kind != "engine"):
        return
    for case, outcome, verdict in zip(cases, outcomes, verdicts):
        if case.kind == "engine" and recursion(outcome) and outcome.where:
            verdict.problem = (
                f"it raised RecursionError ({outcome.where}). Inside the engine your function takes the place of "
                f"the engine's own code for {exercise.id}, so when it calls the engine to do that step (the op and "
                "its .backward()), the engine calls your function again, without end. Compute the result "
                "yourself: the engine's code for an exercise is not available when it is graded.")


def _not_returned(outcome: Outcome) -> str:
    if outcome.status == "timeout":
        return (f"it {outcome.error or 'did not return in time'} — is there a loop that never ends, "
                "or a recursion that never reaches its base case?")
    if outcome.status == "skipped":
        return f"not run: {outcome.error or 'an earlier case ran out of time'}."
    if outcome.status == "exited":
        return f"it {outcome.error}; a function should return its result instead."
    where = f" ({outcome.where})" if outcome.where else ""
    if (outcome.error or "").startswith("NotImplementedError"):
        return f"it is not written yet: it raised NotImplementedError{where}."
    return f"it raised {(outcome.error or 'an error').rstrip('.')}{where}."
