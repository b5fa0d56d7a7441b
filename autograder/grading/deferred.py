"""`check` and `score` as a notebook sees them while it is graded (this file is the
`autograder` package inside the sandbox).

In a graded run nothing is decided inside the student's process: the grader collects the
student's functions in a separate sandboxed process and judges them in one that never ran
student code. So here the two calls only say where the result will be; the grader puts the
real report and the points that counted in their place in the autograded notebook.
"""

GRADED_ELSEWHERE = ("{name}: graded by the course's grader outside this notebook; "
                    "the result and the points that counted appear here in your feedback.")


def check(exercise_id, fn=None, *args, **kwargs):
    """The visible test: graded outside this process."""
    print(GRADED_ELSEWHERE.format(name=exercise_id))


def score(exercise_id, fn=None, *args, **kwargs):
    """The hidden test: graded outside this process."""
    print(GRADED_ELSEWHERE.format(name=exercise_id))


__all__ = ["check", "score"]
