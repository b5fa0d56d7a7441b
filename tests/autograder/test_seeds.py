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

# sha256 of every case's name, kind, arguments, pair and tolerances, numbers to 10 significant
# digits (so that the last bit of a BLAS product does not matter). Not the expected values: they
# are the references' results on these arguments, which another machine's BLAS rounds
# differently, and a finite difference turns that into the 9th digit (test_shipped.py holds them)
FINGERPRINTS = {
    "numerical_derivative": ("26359de6b6010d75", "493041a60e84afa6"),
    "gradient_descent_update": ("a66715c133559ddf", "de39874f656f0146"),
    "gradient_check_error": ("174935e7f51d6ac3", "d604c824083ec8fb"),
    "parabola_rates": ("440e5da903a3b1c6", "0e92f9f0fcbae49f"),
    "hand_gradients": ("b01d5b54f048ca48", "077d20347d12f80e"),
    "topological_sort": ("6d51ae669d8cd82b", "1117bf51916a53a6"),
    "backward_pass": ("0780bd5e91b32b78", "556387990bfc04ae"),   # earlier .grad (set 4), a dead relu (set 5)
    "bfs_counterexample": ("2c664e499197e9cd", "2c664e499197e9cd"),
    "sigmoid": ("45ce4c5f3f7357af", "d102aeab5fb5942a"),
    "sigmoid_backward": ("5493d804f4a3eb50", "aec8c2b185fdbd87"),
    "tanh_backward": ("5ce2be9130efae7f", "79c9a9421ecb4869"),
    "relu_backward": ("8d6e7edfd869202a", "46a7c040672e9777"),
    "mul_backward": ("4868d17f11b87598", "3bcf5fa791d5ce40"),
    "add_backward": ("c12306d753f17350", "fb531de6add962fb"),
    "matmul_backward": ("a64f3ab2245c3603", "9e72bfd74590a19f"),
    "linear_backward": ("a0aa9de71c5e6e9f", "df4db593c5ba582e"),
    "mse_backward": ("3d35221939b8bb01", "3d1a8fbf6d18575a"),
    "cross_entropy_backward": ("2d7f83a5ab795611", "16d7d1ec5eabc091"),
    "jacobian_fd": ("61b2c4e763d67945", "a4a977c520e47133"),   # an f that returns a view of x (set 5)
    "jacobian_reverse": ("8343924a4c52b952", "aebc35bef7160444"),
    "chain_gradients": ("71c9cedfee8049ac", "4ca2f4a50ef5bbdd"),
    "loglog_slope": ("67c6c15b8ecf0bec", "c23ea2927c1cebc1"),
    "mse_gradient": ("bc48d9bcdae1f763", "2630cc1bcf3d8b0f"),
    "largest_stable_learning_rate": ("fdf637cbfb75dfa7", "0451a18c60dfb362"),
    "minibatch_indices": ("5d33928cff08a242", "cf1bef3cce1ee374"),
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
    text = "\n".join(canonical((c.name, c.kind, c.args, c.pair, c.rtol, c.atol)) for c in cases)
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
