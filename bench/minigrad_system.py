"""minigrad doing what the floor does, written the way the course writes a training loop."""
from __future__ import annotations

import numpy as np

import minigrad as mg
from minigrad import nn, optim

from .workload import LEARNING_RATE


def training_step(weights):
    """A function (X, y) -> loss doing one SGD step of an nn.mlp holding `weights`."""
    sizes = [weights[0][0].shape[0]] + [W.shape[1] for W, _ in weights]
    model = nn.mlp(sizes, dtype=weights[0][0].dtype)
    linears = [layer for layer in model.layers if isinstance(layer, nn.Linear)]
    for layer, (W, b) in zip(linears, weights):
        layer.weight.data[...] = W
        layer.bias.data[...] = b
    opt = optim.SGD(model.parameters(), lr=LEARNING_RATE)

    def step(X, y):
        opt.zero_grad()
        loss = mg.cross_entropy(model(X), y)
        loss.backward()
        opt.step()
        return loss

    return step


def batch(X, y):
    """A minibatch as the step takes it: the inputs as a constant Tensor, labels as they are."""
    return mg.Tensor(X), y


def op(case):
    """An op case on 1x1 tensors that require gradients, as a no-argument function."""
    a = mg.Tensor(np.full((1, 1), 0.5), requires_grad=True)
    b = mg.Tensor(np.full((1, 1), 2.0), requires_grad=True)
    ones = np.ones((1, 1))
    if case.backward:
        def mul_forward_backward():
            c = a * b
            c.backward(ones)
        return mul_forward_backward
    forward = {"add": lambda: a + b, "mul": lambda: a * b, "matmul": lambda: a @ b,
               "sigmoid": a.sigmoid}
    return forward[case.op]
