"""PyTorch CPU doing what the floor does: nn.Linear/nn.ReLU, F.cross_entropy, optim.SGD."""
from __future__ import annotations

import torch
from torch import nn
from torch.nn import functional as F

from .workload import LEARNING_RATE


def training_step(weights):
    """A function (X, y) -> loss doing one SGD step of an nn.Sequential holding `weights`."""
    layers = []
    for W, b in weights:
        linear = nn.Linear(*W.shape, dtype=torch.from_numpy(W).dtype)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(W.T))  # PyTorch keeps W as (out, in)
            linear.bias.copy_(torch.from_numpy(b))
        layers += [linear, nn.ReLU()]
    model = nn.Sequential(*layers[:-1])
    opt = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)

    def step(X, y):
        opt.zero_grad()
        loss = F.cross_entropy(model(X), y)
        loss.backward()
        opt.step()
        return loss

    return step


def batch(X, y):
    """A minibatch as the step takes it: torch tensors sharing the arrays' memory."""
    return torch.from_numpy(X), torch.from_numpy(y)


def op(case):
    """An op case on 1x1 tensors that require gradients, as a no-argument function."""
    a = torch.full((1, 1), 0.5, dtype=torch.float64, requires_grad=True)
    b = torch.full((1, 1), 2.0, dtype=torch.float64, requires_grad=True)
    ones = torch.ones((1, 1), dtype=torch.float64)
    if case.backward:
        def mul_forward_backward():
            c = a * b
            c.backward(ones)
        return mul_forward_backward
    forward = {"add": lambda: a + b, "mul": lambda: a * b, "matmul": lambda: a @ b,
               "sigmoid": a.sigmoid}
    return forward[case.op]
