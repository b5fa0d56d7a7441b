"""The first blind set (tests/autograder/blind/set1.py: student-style solutions written by someone
who never saw the checks' code or the planted mistakes), held to the issue's bar: every wrong
solution fails both suites, every correct one passes both, at least 90 % of the mistakes whose
family is in the catalogue are named, and none is named wrongly (docs/mistakes.md, "Blind mutants")."""
import pytest

from tests.autograder.blind.measure import load, measure


@pytest.fixture(scope="module")
def figures():
    return measure("set1")


def test_every_blind_wrong_solution_fails_both_suites(figures):
    missed = [m.line() for m in figures.wrong if not m.caught]
    assert not missed, "\n".join(missed)


def test_every_blind_correct_solution_passes_both_suites(figures):
    rejected = [m.line() for m in figures.correct if not m.accepted]
    assert not rejected, "\n".join(rejected)


def test_check_passes_exactly_when_score_gives_full_marks_on_the_blind_set(figures):
    disagree = [m.line() for m in figures.wrong + figures.correct if not m.suites_agree]
    assert not disagree, "\n".join(disagree)


def test_no_blind_mistake_is_named_wrongly(figures):
    wrong_names = [m.line() for m in figures.wrong if m.wrongly_named]
    assert not wrong_names, "\n".join(wrong_names)


def test_nine_in_ten_labelled_blind_mistakes_are_named(figures):
    unnamed = [m.line() for m in figures.wrong if m.unnamed_with_label]
    assert figures.named_share() >= 0.9, "\n".join(unnamed)


def test_a_blind_set_is_named_like_a_module():
    with pytest.raises(ValueError, match="no blind set"):
        load("set99")
    with pytest.raises(ValueError, match="named like a module"):
        load("../set1")


@pytest.fixture(scope="module")
def second_set():
    return measure("set2")


def test_the_second_blind_set_keeps_its_measured_figures(second_set):
    """Set 2 was measured once as the honest generalisation figure; the detectors were then improved
    on it (docs/mistakes.md, "after the work on set 2"), so it is now a training set like set 1, held
    to what was measured after that work as a floor against regressions. The honest number is a
    blind set written after that work."""
    assert sum(m.caught for m in second_set.wrong) >= 136
    assert all(m.accepted for m in second_set.correct)
    assert all(m.suites_agree for m in second_set.wrong + second_set.correct)
    assert sum(m.wrongly_named for m in second_set.wrong) <= 6
    assert second_set.named_share() >= 105 / 109   # 103 after set 2, 104 after set 4, 105 of 109 after set 5


@pytest.fixture(scope="module")
def third_set():
    return measure("set3")


def test_the_third_blind_set_keeps_its_measured_figures(third_set):
    """Set 3 was measured once as the honest figure (102 of 112 named, 9 wrongly named); the detectors
    were then improved on it (docs/mistakes.md, "Set 3"), so it is now a training set, held to what was
    measured after that work as a floor. The 4 names left "wrong" by its labels are the 4 a teacher
    accepts (the review in docs/mistakes.md); the honest number is set 4, written blind meanwhile."""
    assert sum(m.caught for m in third_set.wrong) >= 152
    assert all(m.accepted for m in third_set.correct)
    assert all(m.suites_agree for m in third_set.wrong + third_set.correct)
    assert sum(m.wrongly_named for m in third_set.wrong) <= 4
    assert third_set.named_share() >= 108 / 112   # 107 after the work on set 3, 108 after set 4's


@pytest.fixture(scope="module")
def fourth_set():
    return measure("set4")


def test_the_fourth_blind_set_keeps_its_measured_figures(fourth_set):
    """Set 4 was measured once as the honest figure (145 of 147 caught, 102 of 121 named, 1 wrongly
    named); the checks were then improved on it (docs/mistakes.md, "Set 4"), so it is now a training
    set, held to what was measured after that work as a floor. The one wrong solution both suites
    pass is correct by the contract (sigmoid via tanh, accepted: see the review); the one name left
    "wrong" by its labels is the one a teacher accepts."""
    assert sum(m.caught for m in fourth_set.wrong) >= 146
    assert all(m.accepted for m in fourth_set.correct)
    assert all(m.suites_agree for m in fourth_set.wrong + fourth_set.correct)
    assert sum(m.wrongly_named for m in fourth_set.wrong) <= 1
    assert fourth_set.named_share() >= 109 / 121


@pytest.fixture(scope="module")
def fifth_set():
    return measure("set5")


def test_the_fifth_blind_set_keeps_its_measured_figures(fifth_set):
    """Set 5 was measured once as the honest figure (159 of 164 caught, 114 of 134 named, 4 wrongly
    named, 51 of 53 correct accepted); the checks were then improved on it (docs/mistakes.md, "Set 5"),
    so it is now a training set, held to what was measured after that work as a floor. The 3 wrong
    solutions both suites pass are correct by the contract (sigmoid's far tail); the 3 names left
    "wrong" by its labels are the 3 a teacher accepts; the 2 correct solutions rejected call the
    engine's own op inside the exercise, outside the contract (the review)."""
    assert sum(m.caught for m in fifth_set.wrong) >= 161
    outside_contract = [m for m in fifth_set.correct if not m.accepted]
    assert len(outside_contract) <= 2 and all("the engine's" in m.description for m in outside_contract)
    assert all(m.suites_agree for m in fifth_set.wrong + fifth_set.correct)
    assert sum(m.wrongly_named for m in fifth_set.wrong) <= 3
    assert fifth_set.named_share() >= 122 / 134   # 121 after the work on set 5, 122 after set 6's


@pytest.fixture(scope="module")
def sixth_set():
    return measure("set6")


def test_the_sixth_blind_set_keeps_its_measured_figures(sixth_set):
    """Set 6 was measured once as the honest figure (154 of 156 caught, 112 of 126 named, 1 wrongly
    named, 51 of 51 correct accepted); the checks were then improved on it (docs/mistakes.md, "Set 6"),
    so it is now a training set, held to what was measured after that work as a floor. The 2 wrong
    solutions both suites pass are correct by the contract (sigmoid's far tail, as sets 4 and 5 decided)."""
    assert sum(m.caught for m in sixth_set.wrong) >= 154
    assert all(m.accepted for m in sixth_set.correct)
    assert all(m.suites_agree for m in sixth_set.wrong + sixth_set.correct)
    assert sum(m.wrongly_named for m in sixth_set.wrong) == 0
    assert sixth_set.named_share() >= 117 / 126


@pytest.fixture(scope="module")
def seventh_set():
    return measure("set7")


def test_the_seventh_blind_set_keeps_its_measured_figures(seventh_set):
    """Set 7 was measured once as the honest figure (149 of 149 caught, 112 of 121 named, 1 wrongly
    named, 53 of 53 correct accepted); the checks were then improved on it (docs/mistakes.md, "Set 7"),
    so it is now a training set, held to what was measured after that work as a floor."""
    assert sum(m.caught for m in seventh_set.wrong) >= 149
    assert all(m.accepted for m in seventh_set.correct)
    assert all(m.suites_agree for m in seventh_set.wrong + seventh_set.correct)
    assert sum(m.wrongly_named for m in seventh_set.wrong) == 0
    assert seventh_set.named_share() >= 113 / 121


@pytest.fixture(scope="module")
def eighth_set():
    return measure("set8")


def test_the_eighth_blind_set_keeps_its_honest_figures(eighth_set):
    """Set 8 was measured once, blind, after the work on set 7, as the honest figure of that round
    (docs/mistakes.md, "Set 8"): 133 of 133 caught, 99 of 106 named, 1 name the review accepts
    (ignored_upstream for the writer's missing_factor), 47 of 47 correct accepted. Nothing was tuned
    to it; it is held to those figures as a floor."""
    assert sum(m.caught for m in eighth_set.wrong) >= 133
    assert all(m.accepted for m in eighth_set.correct)
    assert all(m.suites_agree for m in eighth_set.wrong + eighth_set.correct)
    assert [m.exercise for m in eighth_set.wrong if m.wrongly_named] == ["hand_gradients"]
    assert eighth_set.named_share() >= 99 / 106
