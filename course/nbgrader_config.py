"""nbgrader configuration of the minigrad course (run nbgrader from this folder)."""
import os

c = get_config()  # noqa: F821  (provided by nbgrader when it loads this file)

c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.course_id = "minigrad"
c.CourseDirectory.source_directory = "notebooks"

c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ExecutePreprocessor.timeout = 120

# A correct answer must not score 0 because a library printed a warning on stderr.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = r"(?s)^(\S+:\d+: \w*Warning: .*|.*Matplotlib is building the font cache.*)$"
