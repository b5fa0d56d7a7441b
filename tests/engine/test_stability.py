"""Numerical stability at ±1e3: sigmoid, tanh, softmax, log-softmax and cross-entropy neither overflow nor
warn, in float64 and float32, forward and backward."""
import warnings
from contextlib import contextmanager

import numpy as np
import pytest

import minigrad as mg


@contextmanager
def strict_floats():
    """Overflow, division by zero and invalid operations raise; so does any warning.

    Underflow is allowed on purpose: exp(-2000) = 0 is the right answer in a stable
    sigmoid or softmax, not an error.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
            yield



@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_sigmoid_and_tanh_are_stable_at_plus_minus_1e3(dtype):
    x = mg.Tensor([-1e3, 0.0, 1e3], requires_grad=True, dtype=dtype)
    with strict_floats():
        y = mg.sigmoid(x)
        y.backward(np.ones(3))
        np.testing.assert_allclose(y.data, [0.0, 0.5, 1.0])
        np.testing.assert_allclose(x.grad, [0.0, 0.25, 0.0])
        x.grad = None
        z = mg.tanh(x)
        z.backward(np.ones(3))
    np.testing.assert_allclose(z.data, [-1.0, 0.0, 1.0])
    np.testing.assert_allclose(x.grad, [0.0, 1.0, 0.0])



@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_softmax_and_log_softmax_are_stable_at_plus_minus_1e3(dtype):
    logits = np.array([[1e3, -1e3, 0.0], [-1e3, -1e3, -1e3]])
    G = np.array([[1.0, 2.0, 3.0], [1.0, 0.0, -1.0]])
    x = mg.Tensor(logits, requires_grad=True, dtype=dtype)
    with strict_floats():
        p = mg.softmax(x)
        p.backward(G)
        lp = mg.log_softmax(x)
    np.testing.assert_allclose(p.data, [[1.0, 0.0, 0.0], [1 / 3, 1 / 3, 1 / 3]], rtol=1e-6)
    assert np.all(np.isfinite(x.grad))
    np.testing.assert_allclose(x.grad[0], [0.0, 0.0, 0.0], atol=1e-6)  # saturated: no sensitivity
    np.testing.assert_allclose(lp.data[0], [0.0, -2e3, -1e3], rtol=1e-6)
    np.testing.assert_allclose(lp.data[1], np.log([1 / 3] * 3), rtol=1e-6)
    x.grad = None
    with strict_floats():
        lp.backward(G)
    np.testing.assert_allclose(x.grad[0], G[0] - np.array([1.0, 0.0, 0.0]) * G[0].sum(), atol=1e-5)



@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_cross_entropy_is_stable_at_plus_minus_1e3(dtype):
    x = mg.Tensor([[1e3, -1e3], [1e3, -1e3]], requires_grad=True, dtype=dtype)
    with strict_floats():
        loss = mg.cross_entropy(x, [0, 1])   # right with certainty, then wrong with certainty
        loss.backward()
    assert np.isclose(loss.item(), (0.0 + 2e3) / 2, rtol=1e-6)
    np.testing.assert_allclose(x.grad, [[0.0, 0.0], [0.5, -0.5]], atol=1e-6)

