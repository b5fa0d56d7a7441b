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

# LMS downloads: `nbgrader zip_collect ASSIGNMENT` takes the zip from downloaded/<assignment>/archive/,
# extracts it to downloaded/<assignment>/extracted/ and files each notebook as
# submitted/<student_id>/<assignment>/<notebook>.ipynb. The file names are Canvas's "Download
# Submissions": <login>_[late_]<canvas user id>_<submission id>_<file name>, e.g.
# "doejane_12345_67890_sigmoid_backward.ipynb" or "doejane_late_12345_67890_sigmoid_backward-1.ipynb"
# (Canvas adds -1, -2 ... to a file handed in again). The student id is the login part (letters,
# digits, '.', '@', '-'), the notebook name is the file name without Canvas's -N. The pattern is
# matched against the file's full path, hence the leading ".*/".
c.ZipCollectApp.collector_plugin = "nbgrader.plugins.zipcollect.FileNameCollectorPlugin"
c.FileNameCollectorPlugin.named_regexp = (
    r".*/(?P<student_id>[A-Za-z0-9.@-]+)_(?:late_|LATE_)?(?P<user_id>[0-9]+)_(?P<submission_id>[0-9]+)_"
    r"(?P<file_id>[^/]+?)(?:-[0-9]+)?\.ipynb$"
)
