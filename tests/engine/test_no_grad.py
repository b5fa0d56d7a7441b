"""no_grad: no graph is recorded inside the block, the flag comes back after it (also after an exception,
also when nested), and evaluating a model under it leaves the parameters' gradients alone."""
import numpy as np
import pytest

import minigrad as mg
from minigrad import nn


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
    with pytest.raises(ValueError), mg.no_grad():
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

