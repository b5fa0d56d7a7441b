"""Judge outcomes collected in another process (a sandbox) from their JSON:

    # in the sandbox, next to the student's code: only autograder.collecting is needed
    text = outcomes_to_json(collect(fn, calls))
    # in the grader, which never runs student code
    result = judge_json("sigmoid_backward", "hidden", text)

`judge_json` takes the same steps as `run_check`, with the outcomes read from JSON instead
of collected: the seeded cases are rebuilt here, judged, and the report is written. It is
the grader's, so it needs the answer key (`autograder.answer_key`).
"""
from __future__ import annotations

from .answer_key import answer_key
from .collecting.outcomes_json import outcomes_from_json, outcomes_to_json
from .judge import judge
from .report import report
from .result import CheckResult

__all__ = ["judge_json", "outcomes_from_json", "outcomes_to_json"]


def judge_json(exercise_id: str, suite: str, text: str, seed: int | None = None) -> CheckResult:
    """Judge outcomes collected elsewhere (JSON from `outcomes_to_json`) on the cases of
    (suite, seed) they were collected on; runs no student code. Malformed JSON: ValueError."""
    exercise = answer_key("judging outcomes (the grader's judge_json)").get_exercise(exercise_id)
    cases = exercise.cases(suite, seed)
    outcomes = outcomes_from_json(text)
    verdict = judge(exercise, suite, cases, outcomes)
    message = report(exercise, cases, outcomes, verdict)
    return CheckResult.of(verdict, cases, message)
