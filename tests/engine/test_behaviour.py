"""How the engine behaves around the maths: dtypes, stability, swaps, no_grad, zero_grad,
skipped gradients, reference cycles, and the errors it raises for bad input."""
import gc
import re
import warnings
from contextlib import contextmanager

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import minigrad as mg
from minigrad import functional as F
from minigrad import nn, optim
from tests.helpers.strategies import OP_CASES

MULTI_INPUT_OPS = sorted(op for op in OP_CASES if op in ("add", "sub", "mul", "div", "matmul", "linear",
                                                        "mse_loss"))


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


def backward_of(op_name):
    """The op's current backward function (what the engine would call right now)."""
    return mg.REGISTRY[op_name].__dict__["backward"]


# ----- dtypes ------------------------------------------------------------------------------------
@pytest.mark.parametrize("data", [[1.0, 2.0], [1, 2], np.arange(2), [True, False], 3.0, np.float16(1.0)])
def test_float64_is_the_default(data):
    assert mg.Tensor(data).dtype == np.float64


def test_float32_on_request_and_kept_when_given():
    assert mg.Tensor([1, 2], dtype=np.float32).dtype == np.float32
    assert mg.Tensor(np.ones(2, np.float32)).dtype == np.float32
    assert mg.Tensor(np.ones(2), dtype="float32").dtype == np.float32


@pytest.mark.parametrize("op", sorted(OP_CASES))
@settings(max_examples=5)
@given(data=st.data())
def test_every_op_preserves_float32_forward_and_backward(op, data):
    case = data.draw(OP_CASES[op], label="case")
    inputs = [mg.Tensor(a, requires_grad=True, dtype=np.float32) for a in case.arrays]
    out = case.run(*inputs)
    assert out.dtype == np.float32
    out.backward(np.ones(out.shape, np.float32))
    for t in inputs:
        assert t.grad.dtype == np.float32, f"{op}: a float32 input got a {t.grad.dtype} gradient"


@pytest.mark.parametrize("expr", [
    lambda t: t + 1.5, lambda t: 1.5 + t, lambda t: t - 1, lambda t: 1 - t, lambda t: 2 * t,
    lambda t: t * 2.0, lambda t: t / 3, lambda t: 3 / t, lambda t: t ** 2, lambda t: t ** 0.5,
    lambda t: -t, lambda t: np.float64(2.0) * t, lambda t: t * np.float64(2.0),
    lambda t: F.add(t, 1.0), lambda t: F.mul(2.0, t), lambda t: F.mse_loss(t, [1.0, 2.0]),
    lambda t: F.linear(t, mg.Tensor(np.eye(2), dtype=np.float32), [0.5, 0.5]),
    lambda t: F.linear([[1.0, 2.0]], t.reshape(2, 1), [0.5]),
    lambda t: t @ mg.Tensor(np.ones((2, 2)), dtype=np.float32),
    lambda t: (t * 0.5).sigmoid().mean(), lambda t: F.cross_entropy(t * 1.0, 1),
])
def test_python_scalars_do_not_promote_float32(expr):
    t = mg.Tensor([1.0, 2.0], dtype=np.float32, requires_grad=True)
    out = expr(t)
    assert out.dtype == np.float32
    out.backward(np.ones(out.shape, np.float32))
    if t.grad is not None:
        assert t.grad.dtype == np.float32


def test_a_float32_network_trains_in_float32():
    net = nn.mlp([2, 8, 2], dtype=np.float32)
    opt = optim.Adam(net.parameters(), lr=0.01)
    X = np.ones((4, 2), np.float32)
    loss = F.cross_entropy(net(mg.Tensor(X, dtype=np.float32)), [0, 1, 0, 1])
    assert loss.dtype == np.float32
    loss.backward()
    opt.step()
    for p in net.parameters():
        assert p.dtype == np.float32 and p.grad.dtype == np.float32


# ----- numerical stability at ±1e3 -----------------------------------------------------------------
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


# ----- swapping an op's backward --------------------------------------------------------------------
def test_use_backward_is_used_inside_the_block_and_undone_after():
    original = backward_of("sigmoid")
    calls = []

    def spy(ctx, grad_output):
        calls.append(grad_output.shape)
        return original.__func__(ctx, grad_output) * 2.0

    x = mg.Tensor([0.0, 1.0], requires_grad=True)
    with mg.use_backward("sigmoid", spy):
        mg.sigmoid(x).backward(np.ones(2))
    assert calls == [(2,)]
    np.testing.assert_allclose(x.grad, 2 * np.array([0.25, 0.19661193]), rtol=1e-6)
    assert backward_of("sigmoid") is original
    x.grad = None
    mg.sigmoid(x).backward(np.ones(2))
    assert calls == [(2,)], "the swap leaked out of its block"


def test_use_backward_restores_the_original_when_the_body_raises():
    original = backward_of("tanh")
    with pytest.raises(ZeroDivisionError):
        with mg.use_backward("tanh", lambda ctx, g: g):
            1 / 0
    assert backward_of("tanh") is original


def test_use_backward_restores_the_original_when_the_swapped_backward_raises():
    original = backward_of("exp")

    def broken(ctx, grad_output):
        raise RuntimeError("student bug")

    x = mg.Tensor([1.0], requires_grad=True)
    with pytest.raises(RuntimeError, match="student bug"):
        with mg.use_backward("exp", broken):
            mg.exp(x).backward(np.ones(1))
    assert backward_of("exp") is original


def test_nested_swaps_of_one_op_unwind_in_order():
    original = backward_of("relu")
    x = mg.Tensor([1.0], requires_grad=True)

    def current_gradient():
        x.grad = None
        mg.relu(x).backward(np.ones(1))
        return x.grad[0]

    with mg.use_backward("relu", lambda ctx, g: 10 * g):
        assert current_gradient() == 10.0
        with mg.use_backward("relu", lambda ctx, g: 20 * g):
            assert current_gradient() == 20.0
        assert current_gradient() == 10.0
    assert current_gradient() == 1.0
    assert backward_of("relu") is original


def test_nested_swaps_of_two_ops_both_restored_after_an_error():
    originals = backward_of("mul"), backward_of("add")
    with pytest.raises(KeyError):
        with mg.use_backward("mul", lambda ctx, g: (g, g)):
            with mg.use_backward("add", lambda ctx, g: (g, g)):
                {}["boom"]
    assert (backward_of("mul"), backward_of("add")) == originals


def test_use_student_backward_gets_read_only_plain_arrays():
    seen = {}

    def sigmoid_backward(x, out, grad_output):
        seen.update(x=x, out=out, grad_output=grad_output)
        return grad_output * out * (1 - out)

    x = mg.Tensor([0.0, 2.0], requires_grad=True)
    with mg.use_student_backward("sigmoid", sigmoid_backward):
        mg.sigmoid(x).backward(np.array([1.0, 3.0]))
    for name, arr in seen.items():
        assert type(arr) is np.ndarray and not arr.flags.writeable, name
    np.testing.assert_array_equal(seen["x"], [0.0, 2.0])
    s = 1 / (1 + np.exp(-2.0))
    np.testing.assert_allclose(x.grad, [0.25, 3 * s * (1 - s)])


def test_a_student_backward_that_writes_into_its_input_fails_loudly():
    def in_place(x, out, grad_output):
        grad_output *= out * (1 - out)
        return grad_output

    with mg.use_student_backward("sigmoid", in_place), pytest.raises(ValueError, match="read-only"):
        mg.sigmoid(mg.Tensor([0.0], requires_grad=True)).backward(np.ones(1))


def test_a_student_mse_backward_returns_the_predictions_gradient_alone():
    def mse_backward(pred, target, grad_output):
        return grad_output * 2 * (pred - target) / pred.size

    pred, target = mg.Tensor([1.0, 3.0], requires_grad=True), mg.Tensor([0.0, 1.0])
    with mg.use_student_backward("mse_loss", mse_backward):
        mg.mse_loss(pred, target).backward()
    np.testing.assert_allclose(pred.grad, [1.0, 2.0])
    learned_target = mg.Tensor([0.0, 1.0], requires_grad=True)
    with mg.use_student_backward("mse_loss", mse_backward), pytest.raises(mg.GradientError, match="target"):
        mg.mse_loss(pred, learned_target).backward()


def test_use_forward_swaps_the_forward():
    with mg.use_forward("exp", lambda ctx, x: ctx.save_for_backward(x * 0 + 7.0) or x * 0 + 7.0):
        y = mg.exp(mg.Tensor([1.0]))
    np.testing.assert_array_equal(y.data, [7.0])
    np.testing.assert_allclose(mg.exp(mg.Tensor([1.0])).data, [np.e])


# ----- no_grad ---------------------------------------------------------------------------------------
def test_no_grad_records_no_graph():
    w = mg.Tensor([1.0, 2.0], requires_grad=True)
    with mg.no_grad():
        assert not mg.is_grad_enabled()
        y = (w * 3.0).sigmoid().sum()
    assert mg.is_grad_enabled()
    assert not y.requires_grad and y.is_leaf and y.parents == () and y.op is None
    with pytest.raises(mg.GradientError, match="no_grad"):
        y.backward()


def test_no_grad_restores_the_flag_after_an_exception_and_when_nested():
    with pytest.raises(ValueError):
        with mg.no_grad():
            raise ValueError
    assert mg.is_grad_enabled()
    with mg.no_grad():
        with mg.no_grad():
            pass
        assert not mg.is_grad_enabled()
    assert mg.is_grad_enabled()
    w = mg.Tensor([1.0], requires_grad=True)
    assert (w * 2.0).requires_grad


def test_no_grad_evaluation_of_a_model_leaves_its_gradients_alone():
    net = nn.mlp([2, 4, 2], seed=0)
    with mg.no_grad():
        out = net(mg.Tensor(np.ones((3, 2))))
    assert not out.requires_grad
    assert all(p.grad is None for p in net.parameters())


# ----- zero_grad -------------------------------------------------------------------------------------
def _loss(net):
    return F.cross_entropy(net(mg.Tensor(np.linspace(-1, 1, 6).reshape(3, 2))), [0, 1, 1])


@pytest.mark.parametrize("clearer", ["module", "optimizer"])
def test_zero_grad_clears_so_the_next_backward_does_not_accumulate(clearer):
    net = nn.mlp([2, 5, 2], seed=3)
    opt = optim.SGD(net.parameters(), lr=0.1)
    _loss(net).backward()
    single = [p.grad.copy() for p in net.parameters()]
    _loss(net).backward()
    (net if clearer == "module" else opt).zero_grad()
    assert all(p.grad is None for p in net.parameters())
    _loss(net).backward()
    for p, g in zip(net.parameters(), single):
        np.testing.assert_allclose(p.grad, g, rtol=1e-12)


# ----- gradients nobody needs are skipped -----------------------------------------------------------
def test_linear_backward_is_told_that_the_data_needs_no_gradient():
    original = backward_of("linear").__func__
    seen = {}

    def spy(ctx, grad_output):
        seen["needs"] = ctx.needs_input_grad
        seen["grads"] = original(ctx, grad_output)
        return seen["grads"]

    layer = nn.Linear(3, 2, rng=0)
    x = mg.Tensor(np.ones((4, 3)))
    with mg.use_backward("linear", spy):
        layer(x).sum().backward()
    assert seen["needs"] == (False, True, True)
    assert seen["grads"][0] is None, "linear computed dL/dx for the data batch"
    assert x.grad is None


@pytest.mark.parametrize("op", MULTI_INPUT_OPS)
@settings(max_examples=5)
@given(data=st.data())
def test_multi_input_ops_skip_the_inputs_that_need_no_gradient(op, data):
    case = data.draw(OP_CASES[op], label="case")
    wanted = data.draw(st.integers(0, len(case.arrays) - 1), label="the input that needs a gradient")
    original = backward_of(op).__func__
    seen = {}

    def spy(ctx, grad_output):
        seen["needs"] = ctx.needs_input_grad
        seen["grads"] = original(ctx, grad_output)
        return seen["grads"]

    inputs = [mg.Tensor(a, requires_grad=(i == wanted)) for i, a in enumerate(case.arrays)]
    with mg.use_backward(op, spy):
        out = case.run(*inputs)
        out.backward(np.ones(out.shape))
    assert seen["needs"] == tuple(i == wanted for i in range(len(inputs)))
    for i, g in enumerate(seen["grads"]):
        assert (g is not None) == (i == wanted), f"{op} input {i}"


def test_ops_on_constants_record_nothing():
    y = mg.Tensor([1.0, 2.0]).exp() * mg.Tensor([3.0, 4.0])
    assert not y.requires_grad and y.parents == ()


# ----- no reference cycles ------------------------------------------------------------------------------
def test_a_training_step_leaves_no_reference_cycles():
    """With the cyclic GC off, a step must free everything by reference counting alone."""
    net = nn.mlp([2, 16, 16, 2], seed=0)
    opt = optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
    X = mg.Tensor(np.random.default_rng(0).normal(size=(32, 2)))
    y = np.arange(32) % 2
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            opt.zero_grad()
            loss = F.cross_entropy(net(X), y)
            loss.backward()
            opt.step()
        with mg.use_student_backward("relu", lambda x, out, g: g * (x > 0)):
            F.cross_entropy(net(X), y).backward()
        del loss
        unreachable = gc.collect()
    finally:
        gc.enable()
    assert unreachable == 0, f"a training step left {unreachable} objects in reference cycles"


# ----- bad input: the error type and a message that names the op or shape ---------------------------
@pytest.mark.parametrize("make, op, shapes", [
    (lambda: mg.Tensor(np.ones((3, 2))) + mg.Tensor(np.ones(4)), "add", ["(3, 2)", "(4,)"]),
    (lambda: mg.Tensor(np.ones((3, 2))) * mg.Tensor(np.ones((2, 3))), "mul", ["(3, 2)", "(2, 3)"]),
    (lambda: mg.Tensor(np.ones((2, 3))) @ mg.Tensor(np.ones((4, 5))), "matmul", ["(2, 3)", "(4, 5)"]),
    (lambda: F.linear(np.ones((2, 3)), np.ones((3, 4)), np.ones(5)), "linear", ["(5,)", "(3, 4)"]),
    (lambda: F.linear(np.ones((2, 3)), np.ones((2, 4)), np.ones(4)), "linear", ["(2, 3)", "(2, 4)"]),
    (lambda: F.mse_loss(np.ones(3), np.ones((3, 1))), "mse_loss", ["(3,)", "(3, 1)"]),
    (lambda: F.cross_entropy(np.ones((2, 3)), [0, 1, 2]), "cross_entropy", ["(2, 3)", "(3,)"]),
    (lambda: mg.Tensor(np.ones(6)).reshape(4, 2), "reshape", ["(6,)"]),
])
def test_mismatched_shapes_name_the_op_and_the_shapes(make, op, shapes):
    with pytest.raises(mg.ShapeError) as info:
        make()
    message = str(info.value)
    assert op in message
    for shape in shapes:
        assert shape in message


def test_cross_entropy_labels_out_of_range():
    with pytest.raises(ValueError, match=r"cross_entropy.*0\.\.2"):
        F.cross_entropy(np.zeros((2, 3)), [0, 5])


@pytest.mark.parametrize("data, words", [
    ("abc", "numbers"), (["a", "b"], "numbers"), (None, "numbers"), ({"a": 1}, "numbers"),
    ([1 + 2j, 3.0], "complex"), (np.ones(2, complex), "complex"),
    ([[1.0, 2.0], [3.0]], "rectangular"),
])
def test_data_that_is_not_real_numbers_is_a_type_error(data, words):
    with pytest.raises(TypeError, match=words):
        mg.Tensor(data)


@pytest.mark.parametrize("dtype", [np.int64, bool, np.complex128])
def test_a_dtype_that_is_not_floating_point_is_refused(dtype):
    with pytest.raises(TypeError, match="floating-point"):
        mg.Tensor([1.0], dtype=dtype)


def test_backward_on_a_tensor_that_does_not_require_grad():
    with pytest.raises(mg.GradientError, match="requires_grad"):
        (mg.Tensor([1.0, 2.0]) * 2.0).sum().backward()


def test_backward_without_grad_on_a_non_scalar_names_the_shape():
    y = mg.Tensor(np.ones((3, 4)), requires_grad=True).tanh()
    with pytest.raises(mg.GradientError, match=r"\(3, 4\)"):
        y.backward()


def test_backward_with_a_gradient_of_the_wrong_shape_names_both_shapes():
    y = mg.Tensor(np.ones((3, 4)), requires_grad=True).tanh()
    with pytest.raises(mg.ShapeError, match=r"\(3, 4\).*\(4, 3\)"):
        y.backward(np.ones((4, 3)))


def test_unknown_op_name_in_use_backward_lists_the_ops():
    with pytest.raises(KeyError, match=r"'sigmiod'.*sigmoid"):
        with mg.use_backward("sigmiod", lambda ctx, g: g):
            pass


def test_use_backward_needs_a_function():
    with pytest.raises(TypeError, match="function"):
        with mg.use_backward("sigmoid", "not a function"):
            pass


def _run_with_backward(op, fn):
    a = mg.Tensor(np.ones((2, 3)), requires_grad=True)
    b = mg.Tensor(np.ones((2, 3)), requires_grad=True)
    with mg.use_backward(op, fn):
        out = a * b if op == "mul" else getattr(mg, op)(a)
        out.backward(np.ones((2, 3)))


@pytest.mark.parametrize("op, fn, error, words", [
    ("sigmoid", lambda ctx, g: g.T, mg.ShapeError, [r"sigmoid", r"\(3, 2\)", r"\(2, 3\)"]),
    ("sigmoid", lambda ctx, g: g[0], mg.ShapeError, [r"sigmoid", r"\(3,\)", r"\(2, 3\)"]),
    ("sigmoid", lambda ctx, g: g.sum(), mg.ShapeError, [r"sigmoid", r"\(\)"]),
    ("mul", lambda ctx, g: [g, g.T], mg.ShapeError, [r"mul", r"\(3, 2\)"]),
    ("mul", lambda ctx, g: (g.tolist(), g.tolist()), TypeError, [r"mul", r"list"]),
    ("sigmoid", lambda ctx, g: g.tolist(), ValueError, [r"sigmoid", r"gradient"]),
    ("mul", lambda ctx, g: g, ValueError, [r"mul", r"1 gradient", r"2 input"]),
    ("mul", lambda ctx, g: (g, g, g), ValueError, [r"mul", r"3 gradient", r"2 input"]),
    ("tanh", lambda ctx, g: mg.Tensor(g), TypeError, [r"tanh", r"Tensor"]),
    ("tanh", lambda ctx, g: g * 1j, TypeError, [r"tanh", r"complex"]),
])
def test_a_swapped_backward_that_returns_the_wrong_thing(op, fn, error, words):
    with pytest.raises(error) as info:
        _run_with_backward(op, fn)
    for word in words:
        assert re.search(word, str(info.value)), f"{word!r} not in: {info.value}"


def test_exponent_must_be_a_plain_number():
    x = mg.Tensor([1.0, 2.0], requires_grad=True)
    with pytest.raises(TypeError, match="exponent"):
        x ** x


def test_a_tensor_has_no_truth_value():
    with pytest.raises(TypeError, match="truth value"):
        bool(mg.Tensor([1.0]))


@pytest.mark.parametrize("make, words", [
    (lambda p: optim.SGD([], lr=0.1), "no parameters"),
    (lambda p: optim.SGD(p, lr=0.0), "learning rate"),
    (lambda p: optim.SGD(p, lr=float("nan")), "learning rate"),
    (lambda p: optim.SGD(p, lr=0.1, momentum=1.0), "momentum"),
    (lambda p: nn.mlp([3]), "at least"),
    (lambda p: nn.mlp([3, 2], activation="gelu"), "gelu"),
])
def test_bad_optimiser_and_model_arguments(make, words):
    with pytest.raises(ValueError, match=words):
        make([mg.Tensor([1.0], requires_grad=True)])


# ----- regressions: bugs found and fixed --------------------------------------------------------
def test_input_gradients_rejects_a_backward_with_the_wrong_number_of_gradients():
    z = mg.Tensor([1.0, 2.0], requires_grad=True) * mg.Tensor([3.0, 4.0], requires_grad=True)
    with mg.use_backward("mul", lambda ctx, g: (g,)):
        with pytest.raises(ValueError, match=r"mul.*1 gradient"):
            mg.input_gradients(z, np.ones(2))


def test_backward_does_not_keep_a_reference_to_the_callers_gradient_array():
    x = mg.Tensor([1.0, 2.0, 3.0], requires_grad=True)
    G = np.ones(3)
    (x + 1.0).backward(G)
    G[:] = 0.0                        # e.g. a jacobian_reverse loop reusing its e_i buffer
    np.testing.assert_array_equal(x.grad, [1.0, 1.0, 1.0])


# ----- regressions: engine bugs found by these tests and fixed ------------------------------------
def test_each_tensor_owns_its_gradient_array():
    a = mg.Tensor([1.0, 2.0], requires_grad=True)
    b = mg.Tensor([3.0, 4.0], requires_grad=True)
    x = mg.Tensor(np.ones((2, 3)), requires_grad=True)
    y = a + b
    r = x.reshape(6)
    (y.sum() + r.sum()).backward()
    a.grad *= 0.5                     # e.g. an optimiser clipping gradients in place
    x.grad[0, 0] = 7.0
    np.testing.assert_array_equal(b.grad, [1.0, 1.0])
    np.testing.assert_array_equal(y.grad, [1.0, 1.0])
    np.testing.assert_array_equal(r.grad, np.ones(6))
