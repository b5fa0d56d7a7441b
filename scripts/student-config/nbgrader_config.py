"""nbgrader configuration for a student's workspace (scripts/open-course.sh copies it there).

Students only run `nbgrader validate` (the Validate button, or the command in the workspace).
Without a config file nbgrader warns "No nbgrader_config.py file found"; this one says what
Validate needs and nothing of the instructor's course (no course root, no gradebook).
JupyterLab finds it on JUPYTER_CONFIG_PATH (scripts/student-config/), a shell in the
workspace in the current folder.
"""
c = get_config()  # noqa: F821  (provided by nbgrader when it loads this file)

# As when the course is graded (course/nbgrader_config.py): a slow cell is not a failure.
c.ExecutePreprocessor.timeout = 120
