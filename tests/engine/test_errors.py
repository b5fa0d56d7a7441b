"""Bad input: the error type, and a message that names the op, the shapes or the argument at fault
(tensors, ops, backward, exponents, truth values, optimisers and models)."""
import numpy as np
import pytest

import minigrad as mg
from minigrad import functional as F
from minigrad import nn, optim


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

