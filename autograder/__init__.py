"""Exercise checks that name the student's mistake.

    from autograder import check, score
    check("sigmoid_backward", sigmoid_backward)            # visible test: report, raise on failure
    score("sigmoid_backward", sigmoid_backward, points=3)  # hidden test: partial credit

`run_check` returns the structured `CheckResult` without printing. The judgement is a pure
function of plain data (`collect` runs the student's code, `judge` never does), so a grading
pipeline can collect in a sandbox and judge elsewhere; see docs/exercises.md.
"""
from .api import check, run_check, score
from .collect import collect
from .exercises import EXERCISES, get_exercise
from .judge import judge
from .mistakes import CATALOGUE
from .result import CaseReport, CheckResult, ExerciseFailed

__all__ = ["check", "score", "run_check", "CheckResult", "CaseReport", "ExerciseFailed", "collect",
           "judge", "EXERCISES", "get_exercise", "CATALOGUE"]
