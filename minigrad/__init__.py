"""minigrad: a small reverse-mode automatic differentiation engine on numpy.

    import minigrad as mg
    x = mg.Tensor([1.0, 2.0], requires_grad=True)
    y = (x * x + x).sum()
    y.backward()
    x.grad            # array([3., 5.]) = 2x + 1

Packages, in the order a course meets them: `tensor` and `ops` (the graph and each op's
forward/backward), `autograd` (the backward pass), `swap` (replace one op's backward),
`nn`, `optim`, `data`, `gradcheck` (numerical checks), `graph_view` (look at a graph),
`guard` (`guarded`: call a student's function with a time limit and an output cap).
Only numpy is needed; plotting and widgets are imported when first used.
"""
from . import data, functional, gradcheck, graph_view, nn, optim
from .autograd import input_gradients, topological_order
from .errors import GradientError, InvalidValueError, MinigradError, ShapeError, StudentBackwardError, StudentCodeError
from .functional import cross_entropy, exp, linear, log, log_softmax, matmul, mse_loss, relu, sigmoid, softmax, tanh
from .guard import guarded
from .op import Context, Op, is_grad_enabled, no_grad
from .registry import REGISTRY, get_op
from .swap import use_backward, use_forward, use_student_backward
from .tensor import Tensor, tensor

__all__ = ["Tensor", "tensor", "Op", "Context", "REGISTRY", "get_op", "no_grad",
           "is_grad_enabled", "use_backward", "use_forward", "use_student_backward", "topological_order",
           "input_gradients",
           "functional", "nn", "optim", "data", "gradcheck", "graph_view", "MinigradError", "ShapeError",
           "GradientError", "InvalidValueError", "StudentBackwardError", "StudentCodeError", "guarded",
           "exp", "log", "sigmoid", "tanh", "relu", "softmax", "log_softmax", "matmul",
           "linear", "mse_loss", "cross_entropy"]
