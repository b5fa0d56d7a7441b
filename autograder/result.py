"""The structured result of a check: what a notebook shows and a grading pipeline adds up."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


class ExerciseFailed(AssertionError):
    """Raised by `check` when a case fails; its message is the report for the student.

    The report travels in the exception, not on stdout, because nbgrader's Validate (the
    button and `nbgrader validate`) shows only a failing cell's error. In IPython,
    `_render_traceback_` makes the error output the report alone: no frames from the kit.
    Still an AssertionError, so nbgrader scores the test cell 0.
    """

    def __init__(self, report: str):
        super().__init__(report)
        self.report = report

    def _render_traceback_(self) -> list:
        return self.report.splitlines()


@dataclass
class CaseReport:
    """One case, judged.

    problem: why it failed, in plain words (None if it passed).
    mistake: the id of the named mistake that explains this failure, if any.
    max_relative_error: the largest relative error against the reference, when both are numbers.
    """

    name: str
    kind: str
    passed: bool
    problem: str | None = None
    mistake: str | None = None
    max_relative_error: float | None = None


@dataclass
class CheckResult:
    """What `run_check` returns.

    exercise, suite: which exercise and which suite ("visible" or "hidden") was run.
    passed: every case passed. cases_passed / cases_total = fraction (of the points).
    mistake: the id of the main named mistake (see `autograder.catalogue.CATALOGUE`) or None;
    mistakes: every mistake named, main one first.
    message: the report written for the student. cases: one `CaseReport` per case.
    """

    exercise: str
    suite: str
    passed: bool
    cases_passed: int
    cases_total: int
    fraction: float
    mistake: str | None
    mistakes: list = field(default_factory=list)
    message: str = ""
    cases: list = field(default_factory=list)

    @classmethod
    def of(cls, verdict, cases: list, message: str) -> CheckResult:
        """The result of a judged suite (`autograder.judge.Verdict` on `cases`) and its report."""
        return cls(
            exercise=verdict.exercise, suite=verdict.suite, passed=verdict.passed,
            cases_passed=verdict.cases_passed, cases_total=len(verdict.cases), fraction=verdict.fraction,
            mistake=verdict.mistakes[0] if verdict.mistakes else None, mistakes=verdict.mistakes,
            message=message, cases=[CaseReport(c.name, c.kind, v.passed, v.problem, v.mistake, v.max_relative_error)
                                    for c, v in zip(cases, verdict.cases)])

    def to_dict(self) -> dict:
        """Plain data (for JSON), e.g. to aggregate named mistakes over a class."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> CheckResult:
        data = dict(data)
        data["cases"] = [CaseReport(**c) for c in data.get("cases", [])]
        return cls(**data)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:   # short, for a notebook cell that shows the returned result
        named = f", mistake={self.mistake!r}" if self.mistake else ""
        return (f"CheckResult({self.exercise!r}, {self.suite}: {self.cases_passed}/{self.cases_total} cases "
                f"passed{named})")
