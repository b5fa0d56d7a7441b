"""The test suite, laid out like the code it tests.

    tests/engine/      minigrad: ops, autograd, gradcheck, data, training, graph view, torch agreement
    tests/widgets/     minigrad.widgets (the explorers) in a kernel, without a browser
    tests/autograder/  the exercise checks
    tests/course/      the nbgrader course: notebook format rules, grading for real with nbgrader
    tests/browser/     JupyterLab in a real chromium
    tests/project/     the set-up contract (README commands, CI, scripts, pyproject)
    tests/helpers/     shared by all of them: REPO, `require`, hypothesis strategies
    tests/conftest.py  fixtures and hooks for every folder (and the clean-checkout check)

Every folder is a package (an __init__.py), so pytest's default `prepend` import mode puts
the repository root, not a test folder, on sys.path and imports each test module by its full
name (tests.engine.test_dtypes, tests.autograder.test_cases): two folders may hold modules of
the same name, `tests.autograder` cannot shadow the `autograder` package, and shared code is
imported as `from tests.helpers... import ...` from anywhere, including `pytest tests/engine`.
"""
