"""The visible suites shipped to students, one JSON file per exercise (`autograder.shipped`).
Written by `python -m autograder.exercises.export`; do not edit by hand."""
