"""Tests of minigrad.widgets (the explorers) in a Jupyter kernel, without a browser."""
