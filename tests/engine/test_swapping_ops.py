"""Swapping an op's backward or forward (use_backward, use_student_backward, use_forward): used inside
the block, undone after it (also when something raises, also when nested), what a student's
backward receives, and the errors for a swap that cannot be made."""
import numpy as np
import pytest

import minigrad as mg
from tests.helpers.engine import backward_of


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
    with pytest.raises(ZeroDivisionError), mg.use_backward("tanh", lambda ctx, g: g):
        raise ZeroDivisionError("the body fails while the swap is active")
    assert backward_of("tanh") is original



def test_use_backward_restores_the_original_when_the_swapped_backward_raises():
    original = backward_of("exp")

    def broken(ctx, grad_output):
        raise RuntimeError("student bug")

    x = mg.Tensor([1.0], requires_grad=True)
    with pytest.raises(RuntimeError, match="student bug"), mg.use_backward("exp", broken):
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
    # one `with`, entered left to right: add's swap is nested inside mul's
    with (pytest.raises(KeyError), mg.use_backward("mul", lambda ctx, g: (g, g)),
          mg.use_backward("add", lambda ctx, g: (g, g))):
        {}["boom"]
    assert (backward_of("mul"), backward_of("add")) == originals



# ----- a student's backward: (inputs, output, grad_output) -> gradient --------------------------------
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

    with mg.use_student_backward("sigmoid", in_place), \
            pytest.raises(mg.StudentBackwardError, match="in_place.*ValueError.*read-only") as failure:
        mg.sigmoid(mg.Tensor([0.0], requires_grad=True)).backward(np.ones(1))
    assert isinstance(failure.value.error, ValueError)



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



# ----- swapping the forward -------------------------------------------------------------------------
def test_use_forward_swaps_the_forward():
    with mg.use_forward("exp", lambda ctx, x: ctx.save_for_backward(x * 0 + 7.0) or x * 0 + 7.0):
        y = mg.exp(mg.Tensor([1.0]))
    np.testing.assert_array_equal(y.data, [7.0])
    np.testing.assert_allclose(mg.exp(mg.Tensor([1.0])).data, [np.e])



# ----- a swap that cannot be made ---------------------------------------------------------------------
def test_unknown_op_name_in_use_backward_lists_the_ops():
    with pytest.raises(KeyError, match=r"'sigmiod'.*sigmoid"), mg.use_backward("sigmiod", lambda ctx, g: g):
        pass



def test_use_backward_needs_a_function():
    with pytest.raises(TypeError, match="function"), mg.use_backward("sigmoid", "not a function"):
        pass

