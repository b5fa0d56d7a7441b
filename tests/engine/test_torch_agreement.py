"""minigrad against PyTorch in float64: every op, the test graphs, whole training steps.

Forward values and gradients (with a random upstream gradient) must agree to ~1e-9.
PyTorch comes from the `torch` fixture (tests/conftest.py): when it is missing the tests fail
and say how to install it (never a skip).
"""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import minigrad as mg
from minigrad import functional as F
from minigrad import nn, optim
from tests.helpers.strategies import GRAPHS, OP_CASES, arrays, random_programs, run_program, seeds, upstream_gradient

RTOL, ATOL = 1e-9, 1e-12


def torch_calls(torch):
    """Each registered op written with torch, taking the same arguments as MINIGRAD_CALLS."""
    TF = torch.nn.functional

    def reduction(fn):
        def call(x, axis, keepdims):
            if axis is None:
                out = fn(x)
                return out.reshape((1,) * x.ndim) if keepdims else out
            return fn(x, dim=axis, keepdim=keepdims)
        return call

    def along(fn):
        def call(x, axis):
            if axis is None:  # over all elements, as numpy's axis=None
                return fn(x.reshape(-1), dim=0).reshape(x.shape)
            return fn(x, dim=axis)
        return call

    return {
        "add": torch.add, "sub": torch.sub, "mul": torch.mul, "div": torch.div, "neg": torch.neg,
        "pow": lambda x, exponent: x ** exponent,
        "matmul": torch.matmul,
        "linear": lambda x, w, b: TF.linear(x, w.T, b),   # torch keeps W as (out, in)
        "sum": reduction(torch.sum), "mean": reduction(torch.mean),
        "reshape": lambda x, shape: x.reshape(shape),
        "transpose": lambda x, axes: x.permute(tuple(reversed(range(x.ndim))) if axes is None else axes),
        "exp": torch.exp, "log": torch.log, "sigmoid": torch.sigmoid, "tanh": torch.tanh,
        "relu": torch.relu,
        "softmax": along(torch.softmax), "log_softmax": along(torch.log_softmax),
        "mse_loss": TF.mse_loss,
        "cross_entropy": lambda logits, labels: TF.cross_entropy(logits, torch.as_tensor(labels)),
    }


def both(torch, fn_minigrad, fn_torch, arrays_, seed):
    """Run both engines on the same inputs and upstream gradient; return (mg, torch) results."""
    mg_in = [mg.Tensor(a, requires_grad=True) for a in arrays_]
    th_in = [torch.tensor(a, dtype=torch.float64, requires_grad=True) for a in arrays_]
    mg_out, th_out = fn_minigrad(*mg_in), fn_torch(*th_in)
    G = upstream_gradient(mg_out.shape, seed)
    mg_out.backward(G)
    th_out.backward(torch.tensor(G))
    return (mg_out, mg_in), (th_out, th_in)


def assert_agree(torch, mg_result, th_result, what):
    (mg_out, mg_in), (th_out, th_in) = mg_result, th_result
    assert mg_out.shape == tuple(th_out.shape), f"{what}: output shapes differ"
    np.testing.assert_allclose(mg_out.data, th_out.detach().numpy(), rtol=RTOL, atol=ATOL, err_msg=what)
    for i, (a, b) in enumerate(zip(mg_in, th_in)):
        expected = np.zeros(a.shape) if b.grad is None else b.grad.numpy()
        got = np.zeros(a.shape) if a.grad is None else a.grad
        np.testing.assert_allclose(got, expected, rtol=RTOL, atol=ATOL, err_msg=f"{what}: gradient of input {i}")


def test_every_op_has_a_torch_counterpart(torch):
    assert set(torch_calls(torch)) == set(OP_CASES)


@pytest.mark.parametrize("op", sorted(OP_CASES))
@settings(max_examples=15)
@given(data=st.data(), seed=seeds)
def test_op_agrees_with_torch(torch, op, data, seed):
    case = data.draw(OP_CASES[op], label="case")
    th_fn = torch_calls(torch)[op]
    results = both(torch, case.run, lambda *t: th_fn(*t, **case.params), case.arrays, seed)
    assert_agree(torch, *results, f"{op} {case.params}")


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_graph_agrees_with_torch(torch, name):
    x = np.linspace(-1.5, 1.3, 12).reshape(3, 4)
    assert_agree(torch, *both(torch, GRAPHS[name], GRAPHS[name], [x], seed=5), name)


@settings(max_examples=20)
@given(program=random_programs(), a=arrays((2, 3)), b=arrays((2, 3)), seed=seeds)
def test_random_graphs_agree_with_torch(torch, program, a, b, seed):
    fn = lambda *leaves: run_program(program, *leaves)  # noqa: E731
    assert_agree(torch, *both(torch, fn, fn, [a, b], seed), f"program {program}")


# ----- a whole training step -------------------------------------------------------------------------
def torch_copy(torch, net, activation):
    """The same MLP in torch, with minigrad's weights copied over (transposed: torch's W is (out, in))."""
    layers = []
    for layer in net.layers:
        if isinstance(layer, nn.Linear):
            lin = torch.nn.Linear(*layer.weight.shape).double()
            with torch.no_grad():
                lin.weight.copy_(torch.tensor(layer.weight.data.T))
                lin.bias.copy_(torch.tensor(layer.bias.data))
            layers.append(lin)
        else:
            layers.append({"relu": torch.nn.ReLU, "tanh": torch.nn.Tanh}[activation]())
    return torch.nn.Sequential(*layers)


def as_minigrad_layout(p):
    """A torch parameter as minigrad stores it."""
    a = p.detach().numpy()
    return a.T if a.ndim == 2 else a


@pytest.mark.parametrize("activation, loss_name", [("relu", "cross_entropy"), ("tanh", "mse_loss")])
@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_mlp_training_steps_agree_with_torch(torch, activation, loss_name, optimizer):
    rng = np.random.default_rng(7)
    X = rng.normal(size=(16, 4))
    labels = rng.integers(0, 3, size=16)
    targets = rng.normal(size=(16, 3))
    net = nn.mlp([4, 8, 6, 3], activation=activation, seed=0)
    tnet = torch_copy(torch, net, activation)
    params, tparams = net.parameters(), list(tnet.parameters())
    assert [p.shape for p in params] == [as_minigrad_layout(p).shape for p in tparams]

    if optimizer == "sgd":
        opt = optim.SGD(params, lr=0.1, momentum=0.9)
        topt = torch.optim.SGD(tparams, lr=0.1, momentum=0.9)
    else:
        opt = optim.Adam(params, lr=0.01)
        topt = torch.optim.Adam(tparams, lr=0.01)

    for step in range(3):
        opt.zero_grad()
        topt.zero_grad()
        out, tout = net(mg.Tensor(X)), tnet(torch.tensor(X))
        if loss_name == "cross_entropy":
            loss = F.cross_entropy(out, labels)
            tloss = torch.nn.functional.cross_entropy(tout, torch.tensor(labels))
        else:
            loss = F.mse_loss(out, targets)
            tloss = torch.nn.functional.mse_loss(tout, torch.tensor(targets))
        loss.backward()
        tloss.backward()
        np.testing.assert_allclose(loss.item(), tloss.item(), rtol=RTOL, err_msg=f"loss at step {step}")
        for i, (p, tp) in enumerate(zip(params, tparams)):
            tgrad = tp.grad.numpy().T if tp.grad.ndim == 2 else tp.grad.numpy()
            np.testing.assert_allclose(p.grad, tgrad, rtol=RTOL, atol=ATOL, err_msg=f"grad {i}, step {step}")
        opt.step()
        topt.step()
        for i, (p, tp) in enumerate(zip(params, tparams)):
            np.testing.assert_allclose(p.data, as_minigrad_layout(tp), rtol=RTOL, atol=ATOL,
                                       err_msg=f"parameter {i} after step {step}")
