"""Tests of autograder, the exercise checks that name the student's mistake."""
