"""The grading tests' shared fixture: a released copy of the course."""
from tests.grading.classroom import released_course  # noqa: F401 - a fixture
