"""Backprop over whole graphs: fan-out, diamonds, shared subexpressions, depth, accumulation."""
import numpy as np
import pytest
from hypothesis import given, settings

import minigrad as mg
from minigrad import functional as F
from tests.helpers.strategies import (
    GRAPHS,
    arrays,
    assert_gradients_close,
    numerical_gradients,
    random_programs,
    run_program,
    seeds,
    upstream_gradient,
)


def forward_value(fn):
    """fn on plain arrays (no graph), for finite differences."""
    def value(*arrays):
        with mg.no_grad():
            return fn(*[mg.Tensor(a) for a in arrays]).data
    return value


def backprop(fn, *arrays, seed=0):
    """Leaves for `arrays`, out = fn(*leaves), out.backward(G); returns (leaves, out, G)."""
    leaves = [mg.Tensor(a, requires_grad=True) for a in arrays]
    out = fn(*leaves)
    G = upstream_gradient(out.shape, seed)
    out.backward(G)
    return leaves, out, G


X = np.linspace(-1.5, 1.3, 12).reshape(3, 4)


# ----- the graphs worth testing -------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_graph_gradient_matches_central_differences(name):
    (x,), _, G = backprop(GRAPHS[name], X)
    (expected,) = numerical_gradients(forward_value(GRAPHS[name]), [X.copy()], G)
    assert_gradients_close(x.grad, expected, name)


def test_x_times_x_plus_x():
    (x,), _, G = backprop(GRAPHS["x*x + x"], X)
    np.testing.assert_allclose(x.grad, G * (2 * X + 1), rtol=1e-12)


def test_diamond():
    (a,), _, G = backprop(GRAPHS["diamond"], X)
    t, e = np.tanh(X), np.exp(X)
    np.testing.assert_allclose(a.grad, G * ((1 - t * t) * e + t * e), rtol=1e-12)


def test_shared_subexpression_used_three_times():
    (x,), _, G = backprop(GRAPHS["shared subexpression"], X)
    s = np.tanh(X)
    ds = 1 - s * s
    np.testing.assert_allclose(x.grad, G * (ds * X + s + np.exp(s) * ds - ds), rtol=1e-12)


def test_double_negation_plus_x_has_gradient_two():
    """add(neg(neg(x)), x): breadth-first backprop reaches x before the path through the negations."""
    x = mg.Tensor([1.0, -2.0, 3.0], requires_grad=True)
    F.add(F.neg(F.neg(x)), x).backward(np.ones(3))
    np.testing.assert_array_equal(x.grad, [2.0, 2.0, 2.0])


def test_fan_out_gradients_add_up():
    (x,), _, G = backprop(GRAPHS["fan-out"], X)
    sig = 1 / (1 + np.exp(-X))
    np.testing.assert_allclose(x.grad, G * (2 + np.exp(X) + 2 * X + sig * (1 - sig) - 1), rtol=1e-12)


@pytest.mark.parametrize("expr, slope", [(lambda x: x + x, 2.0), (lambda x: x * x, "2x"),
                                         (lambda x: x - x, 0.0), (lambda x: x / x, 0.0)])
def test_one_tensor_as_both_inputs_of_an_op(expr, slope):
    x = mg.Tensor([0.5, 2.0], requires_grad=True)
    expr(x).backward(np.ones(2))
    np.testing.assert_allclose(x.grad, 2 * x.data if slope == "2x" else [slope, slope], atol=1e-15)


def test_fan_out_across_operands_of_different_shapes():
    """b is broadcast into two ops; its gradient sums over rows and over both uses."""
    x = mg.Tensor(X, requires_grad=True)
    b = mg.Tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
    ((x + b) * b).sum().backward()
    np.testing.assert_allclose(b.grad, (X + 2 * b.data).sum(axis=0), rtol=1e-12)
    np.testing.assert_allclose(x.grad, np.broadcast_to(b.data, X.shape), rtol=1e-12)


@settings(max_examples=40)
@given(program=random_programs(), a=arrays((2, 3)), b=arrays((2, 3)), seed=seeds)
def test_random_graphs_match_central_differences(program, a, b, seed):
    fn = lambda *leaves: run_program(program, *leaves)  # noqa: E731
    leaves, out, G = backprop(fn, a, b, seed=seed)
    expected = numerical_gradients(forward_value(fn), [a.copy(), b.copy()], G)
    for leaf, e in zip(leaves, expected):
        # a leaf the output does not depend on gets no gradient at all
        got = np.zeros_like(e) if leaf.grad is None else leaf.grad
        assert_gradients_close(got, e, f"program {program}")


# ----- depth -----------------------------------------------------------------------------------
def test_a_chain_100000_ops_deep_backpropagates_without_recursion():
    x = mg.Tensor([1.0, 2.0], requires_grad=True)
    y = x
    for _ in range(100_000):
        y = -y
    assert len(mg.topological_order(y)) == 100_001
    y.backward(np.array([3.0, 4.0]))
    np.testing.assert_array_equal(x.grad, [3.0, 4.0])  # an even number of negations
    del y  # freeing the chain must not overflow the C stack either


# ----- what backward leaves behind --------------------------------------------------------------
def test_intermediate_tensors_keep_their_gradients():
    x = mg.Tensor(X, requires_grad=True)
    h = x * 2.0
    z = h.tanh()
    loss = (z * z).sum()
    loss.backward()
    dz = 2 * np.tanh(2 * X)
    np.testing.assert_allclose(loss.grad, 1.0)
    np.testing.assert_allclose(z.grad, dz, rtol=1e-12)
    np.testing.assert_allclose(h.grad, dz * (1 - np.tanh(2 * X) ** 2), rtol=1e-12)
    np.testing.assert_allclose(x.grad, 2 * h.grad, rtol=1e-12)


def test_backward_twice_accumulates():
    x = mg.Tensor(X, requires_grad=True)
    h = x * x
    loss = h.sum()
    loss.backward()
    first_x, first_h = x.grad.copy(), h.grad.copy()
    loss.backward()
    np.testing.assert_allclose(x.grad, 2 * first_x, rtol=1e-12)
    np.testing.assert_allclose(h.grad, 2 * first_h, rtol=1e-12)


def test_two_graphs_accumulate_into_the_same_leaf():
    x = mg.Tensor([1.0, 2.0], requires_grad=True)
    (x * 3.0).sum().backward()
    (x * x).sum().backward()
    np.testing.assert_allclose(x.grad, 3.0 + 2 * x.data)


def test_topological_order_puts_every_input_before_its_consumers():
    a = mg.Tensor(X, requires_grad=True)
    b = mg.Tensor(X[0], requires_grad=True)
    const = mg.Tensor(X)
    out = (GRAPHS["diamond"](a) * b + const).sum()
    order = mg.topological_order(out)
    position = {id(t): i for i, t in enumerate(order)}
    assert order[-1] is out
    assert len(position) == len(order), "a tensor appears twice"
    assert id(a) in position and id(b) in position
    assert id(const) not in position, "a tensor that needs no gradient is not visited"
    for t in order:
        for p in t.parents:
            if p.requires_grad:
                assert position[id(p)] < position[id(t)]


# ----- input_gradients: one node's local step -----------------------------------------------------
def test_input_gradients_of_a_product():
    a = mg.Tensor(X, requires_grad=True)
    b = mg.Tensor(X + 1.0, requires_grad=True)
    G = upstream_gradient(X.shape, 3)
    ga, gb = mg.input_gradients(a * b, G)
    np.testing.assert_allclose(ga, G * b.data)
    np.testing.assert_allclose(gb, G * a.data)
    assert a.grad is None and b.grad is None, "input_gradients only computes, it does not store"


def test_input_gradients_sums_broadcast_gradients_back_and_skips_constants():
    x = mg.Tensor(X)                      # data: needs no gradient
    bias = mg.Tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
    G = upstream_gradient(X.shape, 4)
    gx, gbias = mg.input_gradients(x + bias, G)
    assert gx is None
    np.testing.assert_allclose(gbias, G.sum(axis=0))


def test_input_gradients_of_a_leaf_is_empty():
    assert mg.input_gradients(mg.Tensor([1.0], requires_grad=True), [1.0]) == ()


def test_input_gradients_rejects_a_gradient_of_the_wrong_shape():
    y = mg.Tensor(X, requires_grad=True).tanh()
    with pytest.raises(mg.ShapeError, match=r"input_gradients.*\(4,\).*\(3, 4\)"):
        mg.input_gradients(y, np.ones(4))


def test_a_hand_written_backward_pass_with_input_gradients_matches_backward():
    """The course's `backward_pass` exercise: topological order + one local step per node."""
    net = mg.nn.mlp([4, 5, 3], seed=1)
    x = mg.Tensor(X)
    loss = F.cross_entropy(net(x), [0, 2, 1])

    grads = {loss: np.ones(())}
    for t in reversed(mg.topological_order(loss)):
        for parent, g in zip(t.parents, mg.input_gradients(t, grads[t])):
            if g is not None:
                grads[parent] = grads[parent] + g if parent in grads else g

    loss.backward()
    for p in net.parameters():
        np.testing.assert_allclose(grads[p], p.grad, rtol=1e-12, atol=1e-15)
