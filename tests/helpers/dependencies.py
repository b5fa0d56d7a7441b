"""The tests' dependencies. `bash scripts/run-tests.sh` installs every one of them, so a
missing one is a failure with instructions, never a skip that would hide it."""
import importlib

import pytest


def require(module_name: str):
    """Import `module_name`, or fail the test saying how to install what the tests need."""
    try:
        return importlib.import_module(module_name)
    except ImportError as err:
        pytest.fail(f"the tests need {module_name!r}, which is not installed ({err}). "
                    "`bash scripts/run-tests.sh` installs every test dependency.", pytrace=False)
