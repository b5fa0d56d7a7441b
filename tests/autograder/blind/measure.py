"""A blind set, measured: every entry run through `check` (the visible suite) and `score` (the
hidden suite), and the figures docs/mistakes.md reports ("Blind mutants").

    python -m tests.autograder.blind.measure            # set1
    python -m tests.autograder.blind.measure set2       # another set: tests/autograder/blind/set2.py

A set is a module with two lists of `Blind` entries (tests/autograder/blind/entry.py): WRONG and
CORRECT. An entry's `family` is its writer's label, the catalogue id that fits, or None; its
`also`, other ids the writer judged a teacher would accept (written before measuring).

For a wrong entry, "named" reads the main named mistake of each suite (what the report puts
first, as in the planted matrix):
- caught: both suites fail it;
- named right: caught, and both suites name its label (or a name in its `also`);
- wrongly named: a suite names a mistake that is neither its label nor in its `also` (or names
  one when the label is None);
- unnamed although a label fits: labelled, not wrongly named, and a suite names nothing.
A correct entry is accepted when `check` passes and `score` gives full marks.
"""
from __future__ import annotations

import importlib
import sys
import warnings
from dataclasses import dataclass

from autograder import run_check


@dataclass
class Measured:
    """One entry of a blind set, run through both suites."""

    exercise: str
    label: str | None
    description: str
    visible_passed: bool
    hidden_fraction: float
    names: tuple       # the main named mistake of the visible and of the hidden suite (None: none)
    accepted_names: frozenset = frozenset()   # the label and the writer's `also`

    @property
    def caught(self) -> bool:
        return not self.visible_passed and self.hidden_fraction < 1.0

    @property
    def accepted(self) -> bool:
        return self.visible_passed and self.hidden_fraction == 1.0

    @property
    def suites_agree(self) -> bool:
        """check passes exactly when score gives full marks."""
        return self.visible_passed == (self.hidden_fraction == 1.0)

    @property
    def wrongly_named(self) -> bool:
        return any(name is not None and name not in self.accepted_names for name in self.names)

    @property
    def named_right(self) -> bool:
        return self.caught and self.label is not None and all(name in self.accepted_names for name in self.names)

    @property
    def unnamed_with_label(self) -> bool:
        return self.label is not None and not self.wrongly_named and not self.named_right

    def line(self) -> str:
        visible = "passed" if self.visible_passed else "failed"
        return (f"{self.exercise}: {self.description} — label {self.label}, named {self.names[0]} / "
                f"{self.names[1]}; check {visible}, score {self.hidden_fraction:.0%}")


def run_entry(entry) -> Measured:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # the student's warnings are captured; nothing else may print
        visible, hidden = (run_check(entry.exercise, entry.fn, suite) for suite in ("visible", "hidden"))
    return Measured(entry.exercise, entry.family, entry.description, visible.passed, hidden.fraction,
                    (visible.mistake, hidden.mistake), entry.accepted_names)


def load(name: str):
    """The WRONG and CORRECT lists of tests/autograder/blind/<name>.py."""
    if not name.isidentifier():
        raise ValueError(f"a blind set is named like a module (set1, set2, ...), not {name!r}")
    try:
        module = importlib.import_module(f"tests.autograder.blind.{name}")
    except ModuleNotFoundError as err:
        raise ValueError(f"there is no blind set {name!r}: write tests/autograder/blind/{name}.py") from err
    return module.WRONG, module.CORRECT


@dataclass
class Figures:
    wrong: list
    correct: list

    @property
    def labelled(self) -> list:
        return [m for m in self.wrong if m.label is not None]

    def counts(self) -> dict:
        labelled = self.labelled
        return {
            "wrong": len(self.wrong),
            "caught by both suites": sum(m.caught for m in self.wrong),
            "labelled (a catalogue id fits)": len(labelled),
            "named right": sum(m.named_right for m in self.wrong),
            "unnamed although a label fits": sum(m.unnamed_with_label for m in self.wrong),
            "wrongly named": sum(m.wrongly_named for m in self.wrong),
            "correct": len(self.correct),
            "correct accepted by both suites": sum(m.accepted for m in self.correct),
            "check and score disagree": sum(not m.suites_agree for m in self.wrong + self.correct),
        }

    def named_share(self) -> float:
        labelled = self.labelled
        return sum(m.named_right for m in labelled) / len(labelled) if labelled else 1.0

    def report(self) -> str:
        counts = self.counts()
        lines = [f"{key:>34}: {value}" for key, value in counts.items()]
        lines.append(f"{'named right / labelled':>34}: {self.named_share():.1%}")
        sections = [("not caught by both suites", [m for m in self.wrong if not m.caught]),
                    ("wrongly named", [m for m in self.wrong if m.wrongly_named]),
                    ("unnamed although a label fits", [m for m in self.wrong if m.unnamed_with_label]),
                    ("correct, not accepted by both suites", [m for m in self.correct if not m.accepted])]
        for title, entries in sections:
            if entries:
                lines += ["", f"{title}:"] + [f"  {m.line()}" for m in entries]
        return "\n".join(lines)


def measure(name: str = "set1") -> Figures:
    wrong, correct = load(name)
    return Figures([run_entry(e) for e in wrong], [run_entry(e) for e in correct])


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    name = argv[0] if argv else "set1"
    print(f"blind {name}")
    print(measure(name).report())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
