"""The student's piece at work inside the reference engine: a few training steps of a tiny
model with one op's backward (or the sigmoid forward) replaced by the student's function.

Each run records, step by step, the loss and the gradient of every parameter; the case's
expected values are the same run with the engine's own backward. Models are seeded, so a
run is plain data like any other case.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import minigrad as mg
from minigrad import functional as F
from minigrad.data import blobs, moons, regression_1d, regression_2d
from minigrad.swap import read_only, use_forward, use_student_backward

from .cases import Case, frozen

STEPS = 3
LEARNING_RATE = 0.5


def _params(rng, *shapes):
    return [mg.Tensor(rng.normal(0.0, 0.7, shape), requires_grad=True) for shape in shapes]


def logistic_regression(seed):
    X, y = blobs(n=16, centers=2, spread=1.0, seed=seed)
    y = y.reshape(-1, 1).astype(np.float64)
    w, b = _params(np.random.default_rng(seed), (2, 1), (1,))

    def loss():
        p = F.sigmoid(F.linear(X, w, b))
        return -(y * F.log(p) + (1.0 - y) * F.log(1.0 - p)).mean()
    return loss, {"w": w, "b": b}


def tanh_network(seed):
    X, y = regression_1d(n=16, seed=seed)
    W1, b1, W2, b2 = _params(np.random.default_rng(seed), (1, 6), (6,), (6, 1), (1,))
    return (lambda: F.mse_loss(F.linear(F.tanh(F.linear(X, W1, b1)), W2, b2), y.reshape(-1, 1)),
            {"W1": W1, "b1": b1, "W2": W2, "b2": b2})


def relu_network(seed):
    X, y = blobs(n=18, centers=3, seed=seed)
    W1, b1, W2, b2 = _params(np.random.default_rng(seed), (2, 8), (8,), (8, 3), (3,))
    return (lambda: F.cross_entropy(F.linear(F.relu(F.linear(X, W1, b1)), W2, b2), y),
            {"W1": W1, "b1": b1, "W2": W2, "b2": b2})


def gated_network(seed):
    X, y = moons(n=16, seed=seed)
    W1, W2, W3 = _params(np.random.default_rng(seed), (2, 5), (2, 5), (5, 2))
    return (lambda: F.cross_entropy(F.matmul(F.mul(F.tanh(F.matmul(X, W1)), F.sigmoid(F.matmul(X, W2))), W3), y),
            {"W1": W1, "W2": W2, "W3": W3})


def bias_network(seed):
    X, y = regression_2d(n=16, seed=seed)
    W1, b1, W2, b2 = _params(np.random.default_rng(seed), (2, 4), (4,), (4, 1), (1,))
    return (lambda: F.mse_loss(F.add(F.matmul(F.tanh(F.add(F.matmul(X, W1), b1)), W2), b2), y.reshape(-1, 1)),
            {"W1": W1, "b1": b1, "W2": W2, "b2": b2})


def matmul_network(seed):
    X, y = regression_2d(n=16, seed=seed)
    W1, W2 = _params(np.random.default_rng(seed), (2, 4), (4, 1))
    return (lambda: F.mse_loss(F.matmul(F.tanh(F.matmul(X, W1)), W2), y.reshape(-1, 1)), {"W1": W1, "W2": W2})


def linear_regression(seed):
    X, y = regression_2d(n=16, seed=seed)
    w, b = _params(np.random.default_rng(seed), (2, 1), (1,))
    return lambda: F.mse_loss(F.linear(X, w, b), y.reshape(-1, 1)), {"w": w, "b": b}


def softmax_regression(seed):
    X, y = blobs(n=18, centers=3, seed=seed)
    W, b = _params(np.random.default_rng(seed), (2, 3), (3,))
    return lambda: F.cross_entropy(F.linear(X, W, b), y), {"W": W, "b": b}


MODELS = {
    "logistic_regression": (logistic_regression, "logistic regression"),
    "tanh_network": (tanh_network, "a small tanh network (regression)", 0.1),
    "relu_network": (relu_network, "a small ReLU network (classification)"),
    "gated_network": (gated_network, "a small gated network, tanh(x W1) * sigmoid(x W2)"),
    "bias_network": (bias_network, "a small network whose biases are added by broadcasting", 0.05),
    "matmul_network": (matmul_network, "a small two-layer network built from matrix products", 0.05),
    "linear_regression": (linear_regression, "linear regression with the mean squared error"),
    "softmax_regression": (softmax_regression, "softmax regression with the cross-entropy loss"),
}


def train(model: str, seed: int, steps: int = STEPS) -> tuple:
    """(losses, then dL/d(parameter) for every step and parameter), with plain SGD."""
    build, _, *rate = MODELS[model]
    learning_rate = rate[0] if rate else LEARNING_RATE
    loss_fn, params = build(seed)
    losses, grads = [], []
    for _ in range(steps):
        loss = loss_fn()
        loss.backward()
        losses.append(float(loss.data))
        for p in params.values():
            g = np.zeros_like(p.data) if p.grad is None else np.array(p.grad, dtype=np.float64)
            grads.append(g)
            with mg.no_grad():
                p.data -= learning_rate * g
            p.grad = None
    return (np.array(losses),) + tuple(grads)


def component_names(model: str, steps: int = STEPS) -> tuple:
    _, params = MODELS[model][0](0)
    return ("the losses",) + tuple(f"dL/d{name} at step {s + 1}" for s in range(steps) for name in params)


@dataclass(frozen=True)
class EngineRun:
    """Run `model` with the student's function in place of op `op`'s backward (or forward).

    (mse_backward returns dL/dpred alone; `minigrad.use_student_backward` fills in the target.)
    """

    op: str
    model: str
    forward: bool = False

    def case(self, seed: int) -> Case:
        expected = tuple(frozen(a) for a in train(self.model, seed))
        title = MODELS[self.model][1]
        return Case(f"inside the engine: {STEPS} training steps of {title}", "engine",
                    ("model", self.model, seed), expected,
                    info={"components": component_names(self.model), "seed": seed, "size": 10**6,
                          "passed_text": f"it also trains {title} inside the engine",
                          "failed_text": f"{title}, trained for a few steps with your function in "
                                         "place of the engine's, went wrong"})

    def run(self, fn, case) -> tuple:
        seed = case.info["seed"]
        with self._swapped(fn):
            return train(self.model, seed)

    def _swapped(self, fn):
        if self.forward:
            def forward(ctx, x):
                y = np.array(fn(read_only(x)), dtype=np.float64)
                ctx.save_for_backward(y)
                return y
            return use_forward(self.op, forward)
        return use_student_backward(self.op, fn)
