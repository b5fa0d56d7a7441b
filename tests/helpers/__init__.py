"""Code the test folders share (not tests): `REPO`, the repository root; `dependencies.require`,
which fails a test with install instructions when a package is missing; `strategies`, the
hypothesis strategies and the finite-difference reference of the engine's tests."""
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
