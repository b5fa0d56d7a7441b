"""Every registered op's backward against central differences, in float64.

Objective L = sum(G * f(x)) with a random upstream gradient G ~ N(0, 1): an all-ones
upstream would let a backward that ignores grad_output pass. Inputs come from
`strategies.OP_CASES` (broadcast pairs, axis/keepdims variants, matrix/vector products...).
"""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import minigrad as mg
from tests.helpers.strategies import (
    OP_CASES,
    OpCase,
    assert_gradients_close,
    engine_ops,
    numerical_gradients,
    seeds,
    upstream_gradient,
)


def test_every_registered_op_has_a_gradient_check():
    """Adding an op to the registry without a case in OP_CASES fails here."""
    missing = engine_ops() - set(OP_CASES)
    stale = set(OP_CASES) - engine_ops()
    assert not missing, (f"ops without a gradient check (add them to OP_CASES in tests/helpers/strategies.py): "
                         f"{sorted(missing)}")
    assert not stale, f"OP_CASES names ops that are not registered: {sorted(stale)}"


def check_op_gradients(case, seed):
    """Run the op, backpropagate G, compare every input's .grad with central differences."""
    inputs = [mg.Tensor(a, requires_grad=True) for a in case.arrays]
    out = case.run(*inputs)
    assert out.op == case.op, f"the case for {case.op!r} built a {out.op!r} node"
    assert out.dtype == np.float64

    G = upstream_gradient(out.shape, seed)
    out.backward(G)
    expected = numerical_gradients(case.forward, [a.copy() for a in case.arrays], G)
    for i, (t, e) in enumerate(zip(inputs, expected)):
        assert_gradients_close(t.grad, e, f"{case.op} input {i} of shape {t.shape}, params {case.params}")
        assert t.grad.dtype == np.float64


@pytest.mark.parametrize("op", sorted(OP_CASES))
@settings(max_examples=30)
@given(data=st.data(), seed=seeds)
def test_op_gradient_matches_central_differences(op, data, seed):
    check_op_gradients(data.draw(OP_CASES[op], label="case"), seed)


def _forgets_grad_output(ctx, grad_output):
    (y,) = ctx.saved
    return y * (1.0 - y)


def _sigma_of_one_minus_x(ctx, grad_output):
    (x,) = ctx.inputs
    return grad_output * mg.ops.stable_sigmoid(x) * mg.ops.stable_sigmoid(1.0 - x)


@pytest.mark.parametrize("wrong_backward", [_forgets_grad_output, _sigma_of_one_minus_x])
def test_the_check_catches_a_wrong_sigmoid_backward(wrong_backward):
    """The check itself can fail: plant two classic mistakes and expect it to notice."""
    case = OpCase("sigmoid", (np.linspace(-2.0, 2.0, 6).reshape(2, 3),))
    check_op_gradients(case, seed=1)  # the real backward passes
    with mg.use_backward("sigmoid", wrong_backward), pytest.raises(AssertionError, match="differ"):
        check_op_gradients(case, seed=1)


@pytest.mark.parametrize("op", sorted(OP_CASES))
@settings(max_examples=10)
@given(data=st.data(), seed=seeds)
def test_op_gradient_is_linear_in_the_upstream_gradient(op, data, seed):
    """backward(3G) == 3 backward(G): catches a backward that ignores or squares grad_output."""
    case = data.draw(OP_CASES[op], label="case")
    grads = []
    for scale in (1.0, 3.0):
        inputs = [mg.Tensor(a, requires_grad=True) for a in case.arrays]
        out = case.run(*inputs)
        out.backward(scale * upstream_gradient(out.shape, seed))
        grads.append([t.grad for t in inputs])
    for g1, g3 in zip(*grads):
        np.testing.assert_allclose(g3, 3.0 * g1, rtol=1e-12, atol=1e-12)


def test_relu_derivative_at_zero_is_zero_exactly():
    x = mg.Tensor([0.0, -0.0, 1e-300, -1e-300, 2.0, -2.0], requires_grad=True)
    y = mg.relu(x)
    np.testing.assert_array_equal(y.data, [0.0, 0.0, 1e-300, 0.0, 2.0, 0.0])
    y.backward(np.full(6, 5.0))
    np.testing.assert_array_equal(x.grad, [0.0, 0.0, 5.0, 0.0, 5.0, 0.0])


def test_relu_of_minus_infinity_is_zero():
    with np.errstate(all="raise"):
        y = mg.relu(mg.Tensor([-np.inf, np.inf]))
    np.testing.assert_array_equal(y.data, [0.0, np.inf])


def test_pow_zero_has_zero_gradient_even_at_zero():
    x = mg.Tensor([0.0, 2.0, -1.0], requires_grad=True)
    with np.errstate(all="raise"):
        (x ** 0).backward(np.ones(3))
    np.testing.assert_array_equal(x.grad, [0.0, 0.0, 0.0])


def test_a_data_input_gets_no_gradient():
    """Only tensors with requires_grad=True receive .grad; the constant stays None."""
    w = mg.Tensor([1.0, 2.0], requires_grad=True)
    x = mg.Tensor([3.0, 4.0])
    (w * x).sum().backward()
    np.testing.assert_array_equal(w.grad, [3.0, 4.0])
    assert x.grad is None
