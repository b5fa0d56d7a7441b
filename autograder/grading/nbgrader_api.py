"""nbgrader's own Python API, opened on the course folder the way `nbgrader` run there would.

    with nbgrader_api(course) as api:
        outcome = api.generate_assignment("03_sigmoid_backward", force=True)

Its log goes only into each call's `outcome["log"]` (the grader reports what matters
itself, once per submission — not nbgrader's false checksum warnings, upstream #1961).
"""
from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def nbgrader_api(course: Path, configure=None):
    """NbGraderAPI with the course's nbgrader_config.py; `configure(config)` may change it."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader
    from traitlets.log import get_logger

    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    config.CourseDirectory.root = str(course)
    if configure is not None:
        configure(config)
    previous = os.getcwd()
    os.chdir(course)   # nbgrader resolves some paths against the working folder
    try:
        _silence(get_logger())   # before the API is built: its exchange check logs an error there
        api = NbGraderAPI(CourseDirectory(config=config), config=config)
        _silence(api.log)
        yield api
    finally:
        os.chdir(previous)


def _silence(log) -> None:
    """No output from `log` (a NullHandler: with no handler at all, logging's last resort prints)."""
    log.handlers = [logging.NullHandler()]
    log.propagate = False
