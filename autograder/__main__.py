"""`python -m autograder` is the instructor's command-line tool (see autograder/cli.py)."""
from .cli import main

raise SystemExit(main())
