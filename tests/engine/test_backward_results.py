"""What a backward returns is checked before it is used: one array per input, of the input's shape,
real and floating-point; a wrong one is an error that names the op and what was wrong."""
import re

import numpy as np
import pytest

import minigrad as mg


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



# ----- regression: a bug found and fixed ---------------------------------------------------------------
def test_input_gradients_rejects_a_backward_with_the_wrong_number_of_gradients():
    z = mg.Tensor([1.0, 2.0], requires_grad=True) * mg.Tensor([3.0, 4.0], requires_grad=True)
    with mg.use_backward("mul", lambda ctx, g: (g,)), pytest.raises(ValueError, match=r"mul.*1 gradient"):
        mg.input_gradients(z, np.ones(2))

