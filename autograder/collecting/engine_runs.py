"""Runs inside the engine with the student's function in one place: the collect side of
the in-context cases.

`ModelTraining`: a few training steps of a tiny seeded model with one op's backward (or the
sigmoid forward) replaced by the student's function; `train` is the same run with the
engine's own ops. Each records, step by step, the loss and the gradient of every parameter.

`RegressionDescent`: gradient descent on linear regression with the student's function as
the update, the batch gradient or the learning rate; the other pieces come from the engine
(the gradient by backprop of the mean squared error, the step by `minigrad.optim.SGD`).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

import minigrad as mg
from minigrad import functional as F
from minigrad.data import blobs, moons, regression_1d, regression_2d
from minigrad.optim import SGD
from minigrad.swap import read_only, use_forward, use_student_backward

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


def parameter_names(model: str) -> tuple:
    return tuple(MODELS[model][0](0)[1])


@dataclass(frozen=True)
class ModelTraining:
    """Train `model` (seeded by `seed`) for STEPS steps with the student's function in place
    of op `op`'s backward (or, with forward=True, its forward).

    (mse_backward returns dL/dpred alone; `minigrad.use_student_backward` fills in the target.)
    """

    op: str
    model: str
    forward: bool
    seed: int

    def run(self, fn) -> tuple:
        """The run's record; in float32 when the student's function returned float32 arrays,
        so that the judge compares it with the tolerance float32 can give, as it does the
        function's own results (`autograder.compare.result_tolerances`)."""
        dtypes = set()

        @functools.wraps(fn)
        def noting(*args):
            result = fn(*args)
            for item in result if isinstance(result, (tuple, list)) else (result,):
                dtypes.add(getattr(item, "dtype", None))
            return result
        with self._swapped(noting):
            record = train(self.model, self.seed)
        if np.dtype(np.float32) in dtypes:
            return tuple(np.asarray(a, dtype=np.float32) for a in record)
        return record

    def _swapped(self, fn):
        if self.forward:
            def forward(ctx, x):
                y = np.array(fn(read_only(x)), dtype=np.float64)
                ctx.save_for_backward(y)
                return y
            return use_forward(self.op, forward)
        return use_student_backward(self.op, fn)


@dataclass(frozen=True)
class RegressionDescent:
    """`steps` steps of gradient descent on linear regression (`samples` rows of
    `regression_2d(seed=seed)`, minibatches of `batch_size` rows taken in turn) with the
    student's function inside, as the update (`student="update"`: fn(w, grad, learning_rate)),
    the batch gradient (`student="gradient"`: fn(w, X_batch, y_batch)) or the learning rate
    (`student="rate"`: fn(X); the run steps with `learning_rate` times it). `run` returns the
    weights after every step; every array the student's function sees is read-only."""

    student: str
    steps: int
    learning_rate: float
    batch_size: int
    samples: int
    seed: int

    def run(self, fn) -> np.ndarray:
        X, y = regression_2d(n=self.samples, seed=self.seed)
        X.setflags(write=False)
        y.setflags(write=False)
        rate = self.learning_rate * (float(fn(X)) if self.student == "rate" else 1.0)
        w = np.zeros(2)
        path = []
        for step in range(self.steps):
            start = step * self.batch_size % self.samples
            rows = slice(start, start + self.batch_size)
            w.setflags(write=False)
            if self.student == "gradient":
                grad = np.array(fn(w, X[rows], y[rows]), dtype=np.float64)
            else:
                grad = _engine_gradient(w, X[rows], y[rows])
            grad.setflags(write=False)
            if self.student == "update":
                w = np.array(fn(w, grad, rate), dtype=np.float64)
            else:
                w = _engine_step(w, grad, rate)
            path.append(w.copy())
        return np.stack(path)


def _engine_gradient(w, X, y) -> np.ndarray:
    """d/dw mean((X w − y)²), by the engine's backward pass."""
    weights = mg.Tensor(np.array(w), requires_grad=True)
    F.mse_loss(F.matmul(X, weights), y).backward()
    return np.array(weights.grad, dtype=np.float64)


def _engine_step(w, grad, rate) -> np.ndarray:
    """One step of `minigrad.optim.SGD` from w along grad."""
    weights = mg.Tensor(np.array(w), requires_grad=True)
    weights.grad = np.array(grad)
    SGD([weights], lr=rate).step()
    return weights.data
