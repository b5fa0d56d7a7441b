"""Grading-time seeds: `exercise.cases(suite, seed)`. No seed is the suite as written (the
fingerprints below were taken from the suites before seeds existed, again when graph
specs lost an unused field, and when both suites came to hold every input class); another seed keeps the
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
    "numerical_derivative": ("ba5dec08abf7eb2d", "8a425564a41f9793"),
    "gradient_descent_update": ("0ed9676975b55d5e", "a99a3ff7a59fd039"),
    "gradient_check_error": ("a5eeaf39456301c5", "515018a87dda6f0b"),
    "parabola_rates": ("4516593e0678dd59", "0372969484b766f0"),
    "hand_gradients": ("d72c2b52af312299", "c23575065878034f"),
    "topological_sort": ("1e7825fcb9f836ae", "3f2b4ed3b5e0395a"),
    "backward_pass": ("f5365b2a4b268ced", "dfe2ffcb9c9ae030"),
    "bfs_counterexample": ("0ee820aaccd6edf3", "0ee820aaccd6edf3"),
    "sigmoid": ("a865dee272a55eac", "01df67ca16e979dc"),
    "sigmoid_backward": ("a878a3ee8d997fb2", "d31444ffe806c4ed"),
    "tanh_backward": ("55673c2d8b87fa40", "94e94b9a043f0f41"),
    "relu_backward": ("3bed36b19ef4012e", "4eb59a19444b142b"),
    "mul_backward": ("0ebc0838ad7510eb", "52dfd4e0135cf937"),
    "add_backward": ("dd737bb47c37e25f", "cee842b31cbc1fad"),
    "matmul_backward": ("330b0eb5bb986064", "f7447003037aa95c"),
    "linear_backward": ("3c0f9fd8f0a64a58", "8de51ee8012bc499"),
    "mse_backward": ("f62f3b38533001f1", "262d0ecc41f2b83a"),
    "cross_entropy_backward": ("d4db2dadc0212da3", "fded20a89fd0e0c8"),
    "jacobian_fd": ("9005effe1f4264b7", "185b57565a8739db"),
    "jacobian_reverse": ("b63bbce4be7d862e", "f6041743838dc392"),
    "chain_gradients": ("6864558bca2baeed", "9bf06f68c9f4858b"),
    "loglog_slope": ("8c3168991c683ccb", "707263aea87ef092"),
    "mse_gradient": ("2fe83fd00dc5130c", "13a3ac4bffb619cb"),
    "largest_stable_learning_rate": ("bc244ab003f35651", "318a151cc9aafdc8"),
    "minibatch_indices": ("88099f2b5d3e99ed", "b2bf6be156c4ba55"),
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
def test_planted_mistakes_are_caught_and_named_under_another_seed(exercise_id, mistake, fn):
    """The families are broad (any factor, any point, any order): another draw of the values must
    not make one of them match by coincidence, nor lose the planted name."""
    for suite in SUITES:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            result = run_check(exercise_id, fn, suite, seed=SEEDS[1])
        assert not result.passed, f"{fn.__name__} passed the {suite} suite of {exercise_id} with seed {SEEDS[1]}"
        assert result.mistake == mistake, f"{fn.__name__}, {suite} suite, seed {SEEDS[1]}: named {result.mistake}"


def test_score_takes_the_seed_of_its_suite(capsys):
    wrong = PLANTED["sigmoid_backward"]["sign_error"][0]
    seeded = run_check("sigmoid_backward", wrong, "hidden", seed=SEEDS[0])
    assert score("sigmoid_backward", wrong, points=4, seed=SEEDS[0]) == pytest.approx(4 * seeded.fraction)
    assert "✗ sigmoid_backward" in capsys.readouterr().out
