"""The .grad arrays: zero_grad clears them (the next backward does not accumulate onto old values),
every tensor owns its array, and backward keeps no reference to the caller's upstream gradient."""
import numpy as np
import pytest

import minigrad as mg
from minigrad import functional as F
from minigrad import nn, optim


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



# ----- regressions: engine bugs found by these tests and fixed ------------------------------------
def test_backward_does_not_keep_a_reference_to_the_callers_gradient_array():
    x = mg.Tensor([1.0, 2.0, 3.0], requires_grad=True)
    G = np.ones(3)
    (x + 1.0).backward(G)
    G[:] = 0.0                        # e.g. a jacobian_reverse loop reusing its e_i buffer
    np.testing.assert_array_equal(x.grad, [1.0, 1.0, 1.0])



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

