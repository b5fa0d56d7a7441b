"""Tests of minigrad.data: shapes, dtypes, seeds, balance, splitting and minibatches."""
import numpy as np
import pytest

from minigrad import data

CLASSIFICATION = sorted(data.DATASETS)


def test_datasets_lists_the_2d_classification_sets():
    assert {"blobs": data.blobs, "moons": data.moons,
                             "spirals": data.spirals, "xor": data.xor} == data.DATASETS


@pytest.mark.parametrize("name", CLASSIFICATION)
def test_classification_sets_have_2d_float_points_and_int_labels(name):
    X, y = data.DATASETS[name](n=150, seed=3)
    assert X.shape == (150, 2) and X.dtype == np.float64
    assert y.shape == (150,) and y.dtype == np.int64
    assert np.all(np.isfinite(X))


@pytest.mark.parametrize("name", CLASSIFICATION)
def test_classification_sets_are_deterministic_per_seed(name):
    make = data.DATASETS[name]
    X1, y1 = make(n=120, seed=7)
    X2, y2 = make(n=120, seed=7)
    X3, _ = make(n=120, seed=8)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.allclose(X1, X3)


@pytest.mark.parametrize("make, n, classes", [
    (data.blobs, 301, 3), (data.moons, 201, 2), (data.spirals, 302, 3)])
def test_constructed_classes_differ_in_size_by_at_most_one(make, n, classes):
    _, y = make(n=n, seed=0)
    counts = np.bincount(y, minlength=classes)
    assert len(counts) == classes
    assert counts.max() - counts.min() <= 1


def test_xor_classes_are_roughly_balanced():
    _, y = data.xor(n=2000, seed=0)
    assert 0.45 < y.mean() < 0.55


def test_xor_label_follows_the_signs_without_noise():
    X, y = data.xor(n=500, noise=0.0, seed=2)
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] < 0).astype(np.int64))


def test_classification_sets_are_shuffled():
    _, y = data.moons(n=200, seed=0)
    assert len(np.unique(y[:20])) == 2


def test_blobs_and_spirals_take_the_number_of_classes():
    assert set(data.blobs(n=100, centers=5, seed=0)[1]) == set(range(5))
    assert set(data.spirals(n=100, classes=4, seed=0)[1]) == set(range(4))


def test_blob_points_lie_near_their_own_centre():
    X, y = data.blobs(n=300, centers=3, spread=0.1, seed=0)
    means = np.array([X[y == k].mean(axis=0) for k in range(3)])
    distances = np.linalg.norm(X[:, None, :] - means[None], axis=2)
    np.testing.assert_array_equal(distances.argmin(axis=1), y)


def test_moons_without_noise_lie_on_their_half_circles():
    X, y = data.moons(n=100, noise=0.0, seed=0)
    outer, inner = X[y == 0], X[y == 1]
    np.testing.assert_allclose(np.linalg.norm(outer, axis=1), 1.0)
    np.testing.assert_allclose(np.linalg.norm(inner - [1.0, 0.5], axis=1), 1.0)


def test_regression_1d_is_a_noisy_sine():
    X, y = data.regression_1d(n=400, noise=0.1, seed=0)
    assert X.shape == (400, 1) and y.shape == (400,)
    assert X.dtype == np.float64 and y.dtype == np.float64
    residual = y - np.sin(X[:, 0])
    assert 0.08 < residual.std() < 0.12
    np.testing.assert_array_equal(data.regression_1d(n=400, noise=0.0, seed=0)[1],
                                  np.sin(X[:, 0]))


def test_regression_2d_least_squares_recovers_the_weights():
    X, y = data.regression_2d(n=500, noise=0.1, seed=0, weights=(1.5, -0.5))
    assert X.shape == (500, 2) and y.shape == (500,) and y.dtype == np.float64
    fitted, *_ = np.linalg.lstsq(X, y, rcond=None)
    np.testing.assert_allclose(fitted, [1.5, -0.5], atol=0.02)


def test_regression_sets_are_deterministic_and_seed_dependent():
    np.testing.assert_array_equal(data.regression_2d(seed=4)[1], data.regression_2d(seed=4)[1])
    assert not np.allclose(data.regression_2d(seed=4)[1], data.regression_2d(seed=5)[1])
    assert not np.allclose(data.regression_1d(seed=4)[0], data.regression_1d(seed=5)[0])


def test_regression_2d_needs_two_weights():
    with pytest.raises(ValueError, match="two weights"):
        data.regression_2d(weights=(1.0, 2.0, 3.0))


@pytest.mark.parametrize("call, message", [
    (lambda: data.moons(n=0), "n must be"),
    (lambda: data.moons(n=2.5), "n must be"),
    (lambda: data.xor(noise=-0.1), "noise"),
    (lambda: data.blobs(spread=float("nan")), "spread"),
    (lambda: data.spirals(classes=1), "classes"),
])
def test_bad_generator_arguments_say_what_is_allowed(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_load_digits_scaled_to_unit_interval():
    X, y = data.load_digits()
    assert X.shape == (1797, 64) and X.dtype == np.float64
    assert y.shape == (1797,) and y.dtype == np.int64
    assert X.min() == 0.0 and X.max() == 1.0
    assert set(y) == set(range(10))
    assert data.load_digits(dtype=np.float32)[0].dtype == np.float32


def test_load_digits_without_scikit_learn_says_what_to_install(monkeypatch):
    import builtins
    real_import = builtins.__import__

    def no_sklearn(name, *args, **kwargs):
        if name.startswith("sklearn"):
            raise ImportError("no sklearn here")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_sklearn)
    with pytest.raises(ImportError, match="scikit-learn"):
        data.load_digits()


# ----- train_test_split ------------------------------------------------------------------
def test_train_test_split_partitions_the_samples():
    X = np.arange(40, dtype=np.float64).reshape(20, 2)
    y = np.arange(20)
    X_train, X_test, y_train, y_test = data.train_test_split(X, y, test_fraction=0.25, seed=1)
    assert len(X_test) == 5 and len(X_train) == 15
    np.testing.assert_array_equal(np.sort(np.concatenate([y_train, y_test])), y)
    np.testing.assert_array_equal(X_train[:, 0], 2 * y_train)   # rows stay with their labels
    np.testing.assert_array_equal(X_test[:, 0], 2 * y_test)


def test_train_test_split_is_seeded():
    X, y = data.moons(n=50, seed=0)
    first = data.train_test_split(X, y, seed=3)
    again = data.train_test_split(X, y, seed=3)
    other = data.train_test_split(X, y, seed=4)
    np.testing.assert_array_equal(first[3], again[3])
    assert not np.array_equal(first[0], other[0])


@pytest.mark.parametrize("fraction", [0.0, 1.0, -0.2, 1.5])
def test_train_test_split_rejects_fractions_outside_0_1(fraction):
    with pytest.raises(ValueError, match="between 0 and 1"):
        data.train_test_split(np.zeros((10, 2)), np.zeros(10), test_fraction=fraction)


def test_train_test_split_needs_matching_lengths():
    with pytest.raises(ValueError, match="10 rows and y has 9"):
        data.train_test_split(np.zeros((10, 2)), np.zeros(9))


# ----- minibatches -----------------------------------------------------------------------
def _samples(n):
    """X whose first column is the sample index, so batches reveal which rows they hold."""
    X = np.column_stack([np.arange(n, dtype=np.float64), np.zeros(n)])
    return X, np.arange(n, dtype=np.int64)


@pytest.mark.parametrize("batch_size", [1, 3, 7, 10, 23])
@pytest.mark.parametrize("shuffle", [True, False])
def test_minibatches_cover_every_sample_once(batch_size, shuffle):
    X, y = _samples(23)
    batches = list(data.minibatches(X, y, batch_size, shuffle=shuffle, seed=5))
    sizes = [len(xb) for xb, _ in batches]
    assert sizes == [batch_size] * (23 // batch_size) + ([23 % batch_size] if 23 % batch_size else [])
    seen = np.concatenate([yb for _, yb in batches])
    np.testing.assert_array_equal(np.sort(seen), y)
    for xb, yb in batches:
        np.testing.assert_array_equal(xb[:, 0], yb)


def test_full_batch_and_unshuffled_batches_keep_the_order():
    X, y = _samples(12)
    (only,) = list(data.minibatches(X, y, 12, shuffle=False))
    np.testing.assert_array_equal(only[1], y)
    unshuffled = np.concatenate([yb for _, yb in data.minibatches(X, y, 5, shuffle=False)])
    np.testing.assert_array_equal(unshuffled, y)


def test_minibatch_order_follows_the_seed():
    X, y = _samples(30)

    def order(seed):
        return np.concatenate([yb for _, yb in data.minibatches(X, y, 4, seed=seed)])

    np.testing.assert_array_equal(order(0), order(0))
    assert not np.array_equal(order(0), order(1))
    assert not np.array_equal(order(0), y)


def test_a_generator_seed_draws_a_new_order_each_epoch_reproducibly():
    X, y = _samples(30)

    def two_epochs():
        rng = np.random.default_rng(0)
        return [np.concatenate([yb for _, yb in data.minibatches(X, y, 4, seed=rng)]) for _ in range(2)]

    first, second = two_epochs()
    assert not np.array_equal(first, second)
    for got, expected in zip(two_epochs(), (first, second)):
        np.testing.assert_array_equal(got, expected)


def test_minibatches_split_the_generators_permutation_consecutively():
    X, y = _samples(10)
    expected = np.random.default_rng(9).permutation(10)
    got = np.concatenate([yb for _, yb in data.minibatches(X, y, 4, seed=np.random.default_rng(9))])
    np.testing.assert_array_equal(got, expected)


def test_minibatch_indices_matches_the_exercise_contract():
    batches = data.minibatch_indices(10, 4, np.random.default_rng(2))
    np.testing.assert_array_equal(np.concatenate(batches), np.random.default_rng(2).permutation(10))
    assert [len(b) for b in batches] == [4, 4, 2]


@pytest.mark.parametrize("batch_size", [0, -1, 11, 2.0, 2.5, "4", True])
def test_bad_batch_sizes_name_the_valid_range(batch_size):
    X, y = _samples(10)
    with pytest.raises(ValueError, match="from 1 .* 10"):
        data.minibatches(X, y, batch_size)


def test_numpy_integer_batch_size_is_accepted():
    X, y = _samples(10)
    assert len(list(data.minibatches(X, y, np.int64(5)))) == 2


def test_minibatches_need_one_label_per_sample():
    X, y = _samples(10)
    with pytest.raises(ValueError, match="X has 10 rows and y has 9"):
        data.minibatches(X, y[:9], 2)
