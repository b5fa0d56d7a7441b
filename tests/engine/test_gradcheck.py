"""Tests of minigrad.gradcheck on functions whose gradients and Jacobians are known exactly."""
import numpy as np
import pytest

import minigrad as mg
from minigrad import functional as F
from minigrad.gradcheck import (
    assert_gradcheck,
    describe_relative_error,
    explain_relative_error,
    gradcheck,
    jacobian_fd,
    jacobian_reverse,
    numerical_gradient,
    relative_error,
    vjp,
)


def _rng(seed=0):
    return np.random.default_rng(seed)


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


# ----- numerical_gradient ------------------------------------------------------------
def test_numerical_gradient_of_a_cubic():
    x = _rng().normal(size=(2, 3))
    grad = numerical_gradient(lambda a: np.sum(a ** 3), x)
    assert grad.shape == (2, 3)
    np.testing.assert_allclose(grad, 3 * x ** 2, rtol=1e-7, atol=1e-9)


def test_numerical_gradient_puts_every_entry_back():
    x = _rng().normal(size=(3, 2))
    before = x.copy()
    numerical_gradient(lambda a: float(np.prod(a)), x)
    np.testing.assert_array_equal(x, before)


def test_numerical_gradient_restores_x_when_f_raises():
    x = np.array([1.0, 2.0])

    def fails_on_second_call(a):
        fails_on_second_call.calls += 1
        if fails_on_second_call.calls == 2:
            raise RuntimeError("boom")
        return a.sum()

    fails_on_second_call.calls = 0
    with pytest.raises(RuntimeError):
        numerical_gradient(fails_on_second_call, x)
    np.testing.assert_array_equal(x, [1.0, 2.0])


def test_numerical_gradient_perturbs_the_callers_array_for_closures():
    W = np.array([[1.0, 2.0], [3.0, 4.0]])
    grad = numerical_gradient(lambda _: np.sum(W ** 2), W)
    np.testing.assert_allclose(grad, 2 * W, rtol=1e-7)


def test_numerical_gradient_perturbs_a_tensor_parameter_in_place():
    W = mg.Tensor([[0.5, -1.0], [2.0, 0.3]], requires_grad=True)
    x = np.array([1.0, -2.0])

    def loss():
        return float(np.sum(np.tanh(x @ W.data)))

    grad = numerical_gradient(lambda _: loss(), W)
    np.testing.assert_allclose(grad, np.outer(x, 1 - np.tanh(x @ W.data) ** 2), rtol=1e-7)


def test_numerical_gradient_of_a_scalar_and_of_a_list():
    np.testing.assert_allclose(numerical_gradient(np.sin, 0.5), np.cos(0.5), rtol=1e-8)
    np.testing.assert_allclose(numerical_gradient(lambda a: a @ a, [1.0, -2.0]), [2.0, -4.0], rtol=1e-8)


def test_numerical_gradient_refuses_float32():
    with pytest.raises(TypeError, match="float64"):
        numerical_gradient(np.sum, np.ones(3, dtype=np.float32))


def test_numerical_gradient_needs_a_scalar_function():
    with pytest.raises(ValueError, match="single number"):
        numerical_gradient(lambda a: a * 2, np.ones(3))


# ----- relative_error ----------------------------------------------------------------
def test_relative_error_values():
    np.testing.assert_allclose(relative_error([1.0, 1.0, 0.0, 1e-9, 3.0], [1.0, -1.0, 0.0, 0.0, 1.0]),
                               [0.0, 1.0, 0.0, 0.1, 0.5])


def test_relative_error_of_not_a_number_is_inf_and_of_tiny_values_zero():
    np.testing.assert_array_equal(relative_error([np.nan, 1.0, 1e-12], [1.0, np.inf, -1e-12], atol=1e-9),
                                  [np.inf, np.inf, 0.0])


@pytest.mark.parametrize("error, verdict", [(0.5, "wrong"), (1e-3, "suspicious"), (1e-5, "acceptable"),
                                            (1e-9, "good"), (0.0, "good"), (np.inf, "wrong"), (np.nan, "wrong")])
def test_describe_relative_error(error, verdict):
    assert describe_relative_error(error) == verdict
    assert explain_relative_error(error).startswith(f"{verdict}: ")


def test_the_exercise_reports_read_relative_errors_on_the_same_scale():
    from autograder import run_check
    result = run_check("sigmoid_backward", lambda x, out, g: 1.001 * g * out * (1 - out))
    error = result.cases[0].max_relative_error
    assert error == pytest.approx(5e-4, rel=1e-2) and describe_relative_error(error) == "suspicious"
    assert f"({explain_relative_error(error)})" in " ".join(result.message.split())


# ----- gradcheck on correct ops ------------------------------------------------------
CORRECT = {
    "matmul": (lambda x, W: x @ W, [(3, 4), (4, 2)]),
    "exp": (lambda x: x.exp(), [(2, 3)]),
    "sigmoid": (lambda x: x.sigmoid(), [(3, 4)]),
    "tanh": (lambda x: x.tanh(), [(5,)]),
    "broadcast mul": (lambda a, b: a * b, [(3, 4), (4,)]),
    "linear": (lambda x, W, b: F.linear(x, W, b), [(3, 4), (4, 2), (2,)]),
    "mse": (lambda p, t: F.mse_loss(p, t), [(4, 3), (4, 3)]),
    "softmax": (lambda z: z.softmax(axis=-1), [(2, 5)]),
    "mean of squares": (lambda x: (x * x).mean(axis=0), [(3, 2)]),
}


@pytest.mark.parametrize("name", sorted(CORRECT))
def test_gradcheck_passes_on_correct_ops(name):
    fn, shapes = CORRECT[name]
    rng = _rng(1)
    result = assert_gradcheck(fn, *[rng.normal(size=s) for s in shapes])
    assert result.ok
    assert result.max_relative_error < 1e-5
    assert [a.shape for a in result.analytic] == [tuple(s) for s in shapes]


def test_gradcheck_on_log_and_division_inside_their_domains():
    rng = _rng(2)
    positive = rng.uniform(0.5, 3.0, size=(3, 3))
    assert gradcheck(lambda x: x.log(), positive).ok
    assert gradcheck(lambda a, b: a / b, rng.normal(size=(3, 3)), positive).ok


def test_gradcheck_on_cross_entropy_with_constant_labels():
    logits = _rng(3).normal(size=(4, 3))
    assert gradcheck(lambda z: F.cross_entropy(z, [0, 2, 1, 2]), logits).ok


def test_gradcheck_analytic_gradient_is_the_exact_one():
    x = _rng(4).normal(size=(3, 2))
    result = gradcheck(lambda t: t.exp(), x, seed=5)
    G = np.random.default_rng(5).standard_normal((3, 2))
    np.testing.assert_allclose(result.analytic[0], G * np.exp(x), rtol=1e-12)
    np.testing.assert_allclose(result.numerical[0], G * np.exp(x), rtol=1e-6)


def test_zero_gradients_do_not_inflate_the_relative_error():
    x = np.array([-2.0, -0.5, 0.7, 1.3])   # away from relu's kink at 0
    result = gradcheck(lambda t: t.relu() * 10.0, x)
    assert result.ok
    assert result.max_relative_error < 1e-7
    np.testing.assert_array_equal(result.analytic[0][:2], [0.0, 0.0])


# ----- gradcheck on broken backwards -------------------------------------------------
def _exact_sigmoid_gradient(x, seed):
    s = _sigmoid(x)
    G = np.random.default_rng(seed).standard_normal(x.shape)
    return G, s * (1 - s)


def _worst_index(analytic, exact, atol=1e-5, rtol=1e-3):
    score = np.abs(analytic - exact) / (atol + rtol * np.abs(exact))
    return tuple(int(i) for i in np.unravel_index(np.argmax(score), score.shape))


def test_gradcheck_catches_a_sign_error():
    x = _rng(6).normal(size=(3, 4))

    def sign_error(ctx, grad_output):
        (y,) = ctx.saved
        return -grad_output * y * (1 - y)

    with mg.use_backward("sigmoid", sign_error):
        result = gradcheck(lambda t: t.sigmoid(), x, seed=7)
    G, derivative = _exact_sigmoid_gradient(x, seed=7)
    assert not result.ok
    assert result.max_relative_error > 0.99
    assert result.worst_input == 0
    assert result.worst_index == _worst_index(-G * derivative, G * derivative)
    np.testing.assert_allclose(result.numerical[0], G * derivative, rtol=1e-6)


def test_gradcheck_catches_a_missing_upstream_gradient():
    x = _rng(8).normal(size=(4, 3))

    def forgets_grad_output(ctx, grad_output):
        (y,) = ctx.saved
        return y * (1 - y)

    with mg.use_backward("sigmoid", forgets_grad_output):
        result = gradcheck(lambda t: t.sigmoid(), x, seed=9)
    G, derivative = _exact_sigmoid_gradient(x, seed=9)
    assert not result.ok
    assert result.worst_index == _worst_index(derivative, G * derivative)


def test_gradcheck_names_the_input_with_the_wrong_gradient():
    rng = _rng(10)
    a, b = rng.normal(size=(2, 3)), rng.normal(size=(2, 3))

    def swaps_the_factor_for_b(ctx, grad_output):
        a_saved, b_saved = ctx.saved
        return grad_output * b_saved, grad_output * b_saved   # dL/db should use a

    with mg.use_backward("mul", swaps_the_factor_for_b):
        result = gradcheck(lambda x, y: x * y, a, b)
    assert not result.ok
    assert result.worst_input == 1
    np.testing.assert_allclose(result.analytic[0], result.numerical[0], rtol=1e-6)


def test_assert_gradcheck_raises_with_the_report():
    x = _rng(11).normal(size=(2, 3))

    def sign_error(ctx, grad_output):
        (y,) = ctx.saved
        return -grad_output * y

    with mg.use_backward("exp", sign_error):
        with pytest.raises(AssertionError) as raised:
            assert_gradcheck(lambda t: t.exp(), x)
        result = gradcheck(lambda t: t.exp(), x)
    report = str(raised.value)
    assert report == str(result)
    assert "FAILED" in report and "6 of 6 elements differ" in report
    assert f"worst: input 0, index {result.worst_index}" in report
    assert "(wrong)" in report


# ----- gradcheck inputs --------------------------------------------------------------
def test_tensor_inputs_without_requires_grad_are_constants_and_left_alone():
    rng = _rng(12)
    W = mg.Tensor(rng.normal(size=(4, 2)), requires_grad=True, name="W")
    x = mg.Tensor(rng.normal(size=(3, 4)))
    result = gradcheck(lambda x, W: x @ W, x, W)
    assert result.ok
    assert result.analytic[0] is None and result.numerical[0] is None
    assert result.analytic[1].shape == (4, 2)
    assert W.grad is None


def test_float32_inputs_are_checked_in_float64_with_a_note():
    x = _rng(13).normal(size=(3,)).astype(np.float32)
    result = gradcheck(lambda t: t.tanh(), x)
    assert result.ok
    assert result.analytic[0].dtype == np.float64
    assert any("float32" in note for note in result.notes)
    assert "note: input 0 was float32" in str(result)


def test_gradcheck_needs_something_to_check():
    with pytest.raises(ValueError, match="requires_grad=True"):
        gradcheck(lambda x: x * 2, mg.Tensor([1.0, 2.0]))


def test_gradcheck_refuses_empty_inputs():
    with pytest.raises(ValueError, match="input 1 is empty"):
        gradcheck(lambda a, b: a * 2, np.ones(2), np.zeros((0, 3)))


def test_gradcheck_needs_a_tensor_result():
    with pytest.raises(TypeError, match="returns a minigrad Tensor"):
        gradcheck(lambda x: x.data * 2, np.ones(3))


# ----- Jacobians ---------------------------------------------------------------------
@pytest.fixture
def W():
    return _rng(14).normal(size=(3, 5))


@pytest.fixture
def x():
    return _rng(15).normal(size=5)


def test_jacobians_of_a_linear_map_are_its_matrix(W, x):
    np.testing.assert_allclose(jacobian_fd(lambda v: W @ v, x), W, atol=1e-8)
    np.testing.assert_allclose(jacobian_reverse(lambda v: mg.Tensor(W) @ v, x), W, rtol=1e-12)


def test_jacobians_of_sigmoid_of_a_linear_map(W, x):
    s = _sigmoid(W @ x)
    exact = (s * (1 - s))[:, None] * W          # diag(σ'(Wx)) · W
    fd = jacobian_fd(lambda v: _sigmoid(W @ v), x)
    reverse = jacobian_reverse(lambda v: (mg.Tensor(W) @ v).sigmoid(), x)
    assert fd.shape == reverse.shape == (3, 5)
    np.testing.assert_allclose(fd, exact, atol=1e-9)
    np.testing.assert_allclose(reverse, exact, rtol=1e-12)


def test_jacobian_of_elementwise_exp_is_diagonal(x):
    np.testing.assert_allclose(jacobian_fd(np.exp, x), np.diag(np.exp(x)), atol=1e-8)
    np.testing.assert_allclose(jacobian_reverse(lambda v: v.exp(), x), np.diag(np.exp(x)), rtol=1e-12)


def test_jacobians_leave_x_alone(W, x):
    before = x.copy()
    jacobian_fd(lambda v: W @ v, x)
    np.testing.assert_array_equal(x, before)
    leaf = mg.Tensor(x, requires_grad=True)
    jacobian_reverse(lambda v: mg.Tensor(W) @ v, leaf)
    assert leaf.grad is None


def test_jacobian_reverse_of_a_constant_function_is_zero(x):
    J = jacobian_reverse(lambda v: mg.Tensor(np.ones(2)), x)
    np.testing.assert_array_equal(J, np.zeros((2, 5)))


@pytest.mark.parametrize("call, message", [
    (lambda: jacobian_fd(np.exp, np.ones((2, 2))), "1-D x"),
    (lambda: jacobian_fd(lambda v: np.outer(v, v), np.ones(3)), "1-D array of shape"),
    (lambda: jacobian_reverse(lambda v: v.exp(), np.ones((2, 2))), "1-D x"),
    (lambda: jacobian_reverse(lambda v: v.sum(), np.ones(3)), "1-D Tensor"),
])
def test_jacobian_shape_errors(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_vjp_of_tanh_of_a_matrix_product():
    rng = _rng(16)
    X, W, v = rng.normal(size=(2, 3)), rng.normal(size=(3, 4)), rng.normal(size=(2, 4))
    got = vjp(lambda t: (t @ mg.Tensor(W)).tanh(), X, v)
    expected = (v * (1 - np.tanh(X @ W) ** 2)) @ W.T
    np.testing.assert_allclose(got, expected, rtol=1e-12)


def test_vjp_rows_build_the_jacobian(W, x):
    J = jacobian_reverse(lambda v: (mg.Tensor(W) @ v).tanh(), x)
    u = _rng(17).normal(size=3)
    np.testing.assert_allclose(vjp(lambda v: (mg.Tensor(W) @ v).tanh(), x, u), u @ J, rtol=1e-12)


def test_vjp_needs_v_of_the_outputs_shape(W, x):
    with pytest.raises(ValueError, match=r"shape of f\(x\), \(3,\)"):
        vjp(lambda v: mg.Tensor(W) @ v, x, np.ones(5))
