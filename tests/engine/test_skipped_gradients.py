"""Gradients nobody needs are skipped: a backward is told which inputs need one (needs_input_grad) and
computes only those; ops on constants record nothing."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import minigrad as mg
from minigrad import nn
from tests.helpers.engine import backward_of
from tests.helpers.strategies import OP_CASES

MULTI_INPUT_OPS = sorted(op for op in OP_CASES if op in ("add", "sub", "mul", "div", "matmul", "linear",
                                                        "mse_loss"))



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

