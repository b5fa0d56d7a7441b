"""Grading-time seeds: `exercise.cases(suite, seed)`. No seed is the suite as written (the
fingerprints below were taken from the suites before seeds existed, and again when graph
specs lost an unused field); another seed keeps the
structure of a suite and changes its random values; correct solutions pass whatever the
seed, and every planted mistake is still caught."""
import dataclasses
import hashlib
import warnings

import numpy as np
import pytest

from autograder import EXERCISES, run_check, score
from tests.autograder.planted import CORRECT, PLANTED

SUITES = ("visible", "hidden")
SEEDS = (1, 2024, 987_654_321)

# sha256 of every case's name, kind, arguments, expected values, pair and tolerances, numbers to
# 10 significant digits (so that the last bit of a BLAS product does not matter)
FINGERPRINTS = {
    "numerical_derivative": ("b12c35aae851bdad", "ee4f6bce19ab79df"),
    "gradient_descent_update": ("71c80549a54d7b67", "a1e2becb92814f19"),
    "gradient_check_error": ("afb8e2bedef3b5f5", "89efdba232e9d465"),
    "parabola_rates": ("3e3d650af1bfe1c0", "0372969484b766f0"),
    "hand_gradients": ("d72c2b52af312299", "c23575065878034f"),
    "topological_sort": ("a713da7e8aa20699", "161513c47025dfa3"),
    "backward_pass": ("68ccaf7f8f23f9df", "cea9fbd741084721"),
    "bfs_counterexample": ("0ee820aaccd6edf3", "0ee820aaccd6edf3"),
    "sigmoid": ("92ec7fb89d717feb", "899c37b84877019c"),
    "sigmoid_backward": ("30642ba1f770471f", "059bdbcab3ce240e"),
    "tanh_backward": ("f0d69b5bb88f2619", "88c961b9ab639aa1"),
    "relu_backward": ("356d62d8cac5f62f", "4639f12b45c97e9e"),
    "mul_backward": ("90688a0c15eb6df7", "736e0b96088517c1"),
    "add_backward": ("4fa82c7dcd618d7d", "8bd73b2df61346b1"),
    "matmul_backward": ("322da74b75615b49", "823c03916a6a63a4"),
    "linear_backward": ("84c28015a6e35529", "9db0132bdb456fcd"),
    "mse_backward": ("ab44eca4d6a9a15b", "af0181231557def1"),
    "cross_entropy_backward": ("0fe744cf613a3c9a", "4580f11d1f274178"),
    "jacobian_fd": ("eb8e4217fa4e8961", "4ac70b55abd2090d"),
    "jacobian_reverse": ("c0abc54fb1eb898d", "53fc397dd0a7aaec"),
    "chain_gradients": ("6999a8d42cb880ae", "dab5d7e18d40b1f4"),
    "loglog_slope": ("5acf624d10afa3ae", "6b7c9f223c9a33e4"),
    "mse_gradient": ("b39a1782078c463f", "6b3cf2c2e196dd4d"),
    "largest_stable_learning_rate": ("a65f9b1df001542d", "a10812546f9c7bb0"),
    "minibatch_indices": ("828b7b092eb25b22", "e36e3df1d13c5f5b"),
}


def canonical(obj) -> str:
    if isinstance(obj, np.ndarray):
        values = " ".join(f"{v:.9e}" if obj.dtype.kind == "f" else str(v) for v in obj.ravel().tolist())
        return f"array[{obj.dtype.kind}{obj.shape}]({values})"
    if dataclasses.is_dataclass(obj):
        return type(obj).__name__ + "(" + ", ".join(canonical(getattr(obj, f.name))
                                                    for f in dataclasses.fields(obj)) + ")"
    if isinstance(obj, (tuple, list)):
        return "(" + ", ".join(canonical(o) for o in obj) + ")"
    if isinstance(obj, dict):
        return "{" + ", ".join(f"{canonical(k)}: {canonical(v)}" for k, v in sorted(obj.items(), key=repr)) + "}"
    if isinstance(obj, (float, np.floating)):
        return f"{float(obj):.9e}"
    return repr(obj)


def fingerprint(cases) -> str:
    text = "\n".join(canonical((c.name, c.kind, c.args, c.expected, c.pair, c.rtol, c.atol)) for c in cases)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def structure(cases) -> list:
    return [(c.name, c.kind, c.pair, len(c.args), len(c.expected)) for c in cases]


@pytest.mark.parametrize("exercise_id", list(EXERCISES))
def test_no_seed_gives_the_suites_as_written(exercise_id):
    exercise = EXERCISES[exercise_id]
    assert tuple(fingerprint(exercise.cases(suite)) for suite in SUITES) == FINGERPRINTS[exercise_id]
    assert all(exercise.cases(suite, None) is exercise.cases(suite) for suite in SUITES)


@pytest.mark.parametrize("exercise_id", list(EXERCISES))
def test_a_seed_changes_the_random_values_but_not_the_structure(exercise_id):
    exercise = EXERCISES[exercise_id]
    if not exercise.has_inputs:   # answers that are values, a graph the student builds: nothing to draw
        for suite in SUITES:
            assert all(fingerprint(exercise.cases(suite, seed)) == fingerprint(exercise.cases(suite))
                       for seed in SEEDS[:2]), f"{exercise_id}/{suite}"
        return
    for suite in SUITES:
        written = exercise.cases(suite)
        for seed in SEEDS[:2]:
            seeded = exercise.cases(suite, seed)
            assert structure(seeded) == structure(written), f"{exercise_id}/{suite}/{seed}"
            assert fingerprint(seeded) != fingerprint(written), f"{exercise_id}/{suite}: seed {seed} changed nothing"
            changed = [a.name for a, b in zip(written, seeded) if canonical(a.args) != canonical(b.args)]
            assert changed, f"{exercise_id}/{suite}: seed {seed} changed no case's arguments"
        assert fingerprint(exercise.cases(suite, SEEDS[0])) != fingerprint(exercise.cases(suite, SEEDS[1]))


def test_the_same_seed_gives_the_same_cases():
    exercise = EXERCISES["linear_backward"]
    first = fingerprint(exercise.cases("hidden", 5))
    exercise._cases.clear()
    assert fingerprint(exercise.cases("hidden", 5)) == first


@pytest.mark.parametrize("seed", [-1, 1.5, "7", True])
def test_a_seed_is_a_non_negative_int(seed):
    with pytest.raises(ValueError, match="seed"):
        EXERCISES["sigmoid"].cases("hidden", seed)


CORRECT_CASES = [(ex, fn) for ex, fns in CORRECT.items() for fn in fns]
PLANTED_CASES = [(ex, mistake, fn) for ex, by_mistake in PLANTED.items()
                 for mistake, fns in by_mistake.items() for fn in fns]


@pytest.mark.parametrize("exercise_id, fn", CORRECT_CASES, ids=[f"{e}-{f.__name__}" for e, f in CORRECT_CASES])
def test_correct_solutions_pass_under_other_seeds(exercise_id, fn):
    for seed in SEEDS:
        for suite in SUITES:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                result = run_check(exercise_id, fn, suite, seed=seed)
            assert result.passed, f"seed {seed}, {suite}:\n{result.message}"


@pytest.mark.parametrize("exercise_id, mistake, fn", PLANTED_CASES,
                         ids=[f"{e}-{m}-{f.__name__}" for e, m, f in PLANTED_CASES])
def test_planted_mistakes_are_caught_under_another_seed(exercise_id, mistake, fn):
    for suite in SUITES:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            result = run_check(exercise_id, fn, suite, seed=SEEDS[1])
        assert not result.passed, f"{fn.__name__} passed the {suite} suite of {exercise_id} with seed {SEEDS[1]}"


def test_score_takes_the_seed_of_its_suite(capsys):
    wrong = PLANTED["sigmoid_backward"]["sign_error"][0]
    seeded = run_check("sigmoid_backward", wrong, "hidden", seed=SEEDS[0])
    assert score("sigmoid_backward", wrong, points=4, seed=SEEDS[0]) == pytest.approx(4 * seeded.fraction)
    assert "✗ sigmoid_backward" in capsys.readouterr().out
