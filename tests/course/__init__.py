"""Tests of the nbgrader course: the notebooks' format, and grading them for real."""
