"""Tests of the set-up contract: the README's commands, CI, the scripts and pyproject.toml."""
