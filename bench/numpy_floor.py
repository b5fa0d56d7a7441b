"""The floor: the same computations written by hand in numpy, with no graph at all.

Forward, for one hidden layer (every further layer repeats the first two lines):

    z = X W1 + b1,   h = relu(z),   s = h W2 + b2,   L = −(1/N) Σ_n log softmax(s_n)[y_n]

Backward, the chain rule written out (P = softmax(s), Y = onehot(y)):

    dL/ds = (P − Y) / N,   dL/dW2 = hᵀ dL/ds,   dL/db2 = Σ_rows dL/ds,
    dL/dh = dL/ds W2ᵀ,     dL/dz = dL/dh ⊙ [z > 0],
    dL/dW1 = Xᵀ dL/dz,     dL/db1 = Σ_rows dL/dz          (no dL/dX: nobody needs it)

An engine can only add work to this, so its time per step over this one is its overhead.
"""
from __future__ import annotations

import numpy as np

# Plain numpy, no graph: the engine's overflow-safe formula, so the op table compares like with like.
from minigrad.ops.activations import stable_sigmoid

from .workload import LEARNING_RATE


def training_step(weights):
    """A function (X, y) -> loss doing one SGD step on copies of `weights` [(W, b), ...]."""
    params = [(W.copy(), b.copy()) for W, b in weights]

    def step(X, y):
        activations = [X]  # the input of every layer
        for W, b in params[:-1]:
            z = activations[-1] @ W
            z += b
            activations.append(np.maximum(z, 0))
        W, b = params[-1]
        logits = activations[-1] @ W
        logits += b

        rows = np.arange(len(y))
        shifted = logits - logits.max(axis=1, keepdims=True)
        exp = np.exp(shifted)
        total = exp.sum(axis=1, keepdims=True)
        loss = np.log(total[:, 0]).mean() - shifted[rows, y].mean()

        grad = exp / total  # dL/dlogits = (P − Y) / N
        grad[rows, y] -= 1.0
        grad /= len(y)
        for i in range(len(params) - 1, -1, -1):
            W, b = params[i]
            inputs = activations[i]
            grad_W = inputs.T @ grad
            grad_b = grad.sum(axis=0)
            if i:
                grad = grad @ W.T
                grad *= inputs > 0  # relu'(z) from its output: h > 0 exactly where z > 0
            W -= LEARNING_RATE * grad_W
            b -= LEARNING_RATE * grad_b
        return loss

    return step


def batch(X, y):
    """A minibatch as the step takes it: the arrays themselves."""
    return X, y


def op(case):
    """The bare numpy computation of an op case on 1x1 arrays, as a no-argument function."""
    a = np.full((1, 1), 0.5)
    b = np.full((1, 1), 2.0)
    ones = np.ones((1, 1))
    if case.backward:  # c = a * b; dL/da = G b, dL/db = G a
        def mul_forward_backward():
            c = a * b
            return c, ones * b, ones * a
        return mul_forward_backward
    forward = {"add": lambda: a + b, "mul": lambda: a * b, "matmul": lambda: a @ b,
               "sigmoid": lambda: stable_sigmoid(a)}  # the same numpy formula as the engine's
    return forward[case.op]
