"""dtypes: float64 by default, float32 on request and kept through every op, forward and backward,
python scalars, and training."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import minigrad as mg
from minigrad import functional as F
from minigrad import nn, optim
from tests.helpers.strategies import OP_CASES


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

