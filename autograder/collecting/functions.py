"""Objects a case hands to the student's function, as plain data: a named test function, a
named sigmoid backward, a random generator by its seed.

`FunctionRef("sin")` or `FunctionRef("tanh_of_matrix", m=3, n=4, seed=1)`: scalar functions
(elementwise, numpy) serve `numerical_derivative`; vector functions (n,) -> (m,) serve the
Jacobian exercises, each in a numpy version (for `jacobian_fd`) and a minigrad version (for
`jacobian_reverse`). Only the functions are here, never their derivatives.
`BackwardRef("ignores_upstream")` is a sigmoid backward, right or broken, for the student's
gradient check to judge. `Seed(3)` becomes `np.random.default_rng(3)`.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import minigrad as mg
from minigrad import functional as F
from minigrad.ops.activations import stable_sigmoid

# name: (numpy f, text)
SCALAR = {
    "sin": (np.sin, "f(x) = sin(x)"),
    "cube": (lambda x: x ** 3, "f(x) = x³"),
    "exp": (np.exp, "f(x) = exp(x)"),
    "x_sin_x": (lambda x: x * np.sin(x), "f(x) = x·sin(x)"),
    "log1p_square": (lambda x: np.log1p(x * x), "f(x) = log(1 + x²)"),
}


def _matrices(m, n, seed, count=2):
    rng = np.random.default_rng([seed, m, n])
    return [rng.normal(0.0, 1.0, (m, n)) for _ in range(count)]


def _linear(m, n, seed):
    A, _ = _matrices(m, n, seed)
    return lambda x: A @ x, lambda x: F.matmul(A, x), f"f(x) = A x, A a fixed {m}×{n} matrix"


def _tanh_of_matrix(m, n, seed):
    A, _ = _matrices(m, n, seed)
    return (lambda x: np.tanh(A @ x), lambda x: F.tanh(F.matmul(A, x)),
            f"f(x) = tanh(A x), A a fixed {m}×{n} matrix")


def _product(m, n, seed):
    A, B = _matrices(m, n, seed)
    return (lambda x: (A @ x) * (B @ x), lambda x: F.mul(F.matmul(A, x), F.matmul(B, x)),
            f"f(x) = (A x) ⊙ (B x), A and B fixed {m}×{n} matrices")


def _softmax(m, n, seed):
    def f(x):
        e = np.exp(x - x.max())
        return e / e.sum()
    return f, lambda x: F.softmax(x), f"f(x) = softmax(x), n = {n}"


def _head(m, n, seed):
    """f(x) = x[:m]: the numpy version returns a view of x (x itself for m = n), which a caller that
    changes x in place changes too; the contract does not forbid such an f."""
    head = np.eye(m, n)
    return (lambda x: x[:m], lambda x: F.matmul(head, x),
            "f(x) = x, the identity (it returns x itself)" if m == n else
            f"f(x) = x[:{m}], the first {m} of {n} entries (it returns a view of x)")


# name: (m, n, seed) -> (numpy f, minigrad f, text)
VECTOR = {"linear": _linear, "tanh_of_matrix": _tanh_of_matrix, "product": _product, "softmax": _softmax,
          "head": _head}


@dataclass(frozen=True)
class FunctionRef:
    """A test function by name (plain data). m, n: output and input sizes of vector functions."""

    name: str
    m: int = 0
    n: int = 0
    seed: int = 0

    def _parts(self):
        if self.name in SCALAR:
            f, text = SCALAR[self.name]
            return f, None, text
        return VECTOR[self.name](self.m, self.n, self.seed)

    def numpy(self):
        """The function on numpy arrays (what `numerical_derivative` and `jacobian_fd` receive)."""
        f = self._parts()[0]

        def function(x):
            return f(np.asarray(x, dtype=np.float64) if not np.isscalar(x) else float(x))
        function.__name__ = self.name
        return function

    def tensor(self):
        """The function on minigrad Tensors (what `jacobian_reverse` receives)."""
        f = self._parts()[1]

        def function(x):
            if not isinstance(x, mg.Tensor):
                raise TypeError(f"f takes a minigrad Tensor, got a {type(x).__name__}; create x with "
                                "mg.Tensor(values, requires_grad=True).")
            return f(x)
        function.__name__ = self.name
        return function

    def describe(self) -> str:
        return self._parts()[-1]


def _engine_sigmoid_backward(x, out, grad_output):
    """The engine's own sigmoid backward, fed the `out` it is given as the saved output."""
    ctx = mg.Context()
    ctx.save_for_backward(out)
    return mg.get_op("sigmoid").backward(ctx, grad_output)


# name: (sigmoid backward (x, out, grad_output) -> dL/dx, text)
SIGMOID_BACKWARDS = {
    "correct": (_engine_sigmoid_backward, "a correct sigmoid backward, G·σ(x)·(1 − σ(x))"),
    "slip": (lambda x, out, g: g * out * stable_sigmoid(1 - x), "the slip G·σ(x)·σ(1 − x)"),
    "ignores_upstream": (lambda x, out, g: out * (1 - out), "a backward that ignores G: σ(x)·(1 − σ(x))"),
    "tanh_derivative": (lambda x, out, g: g * (1 - np.tanh(x) ** 2), "the wrong derivative, G·(1 − tanh²(x))"),
    "negated": (lambda x, out, g: -g * out * (1 - out), "a sign error, −G·σ(x)·(1 − σ(x))"),
    "off_by_a_thousandth": (lambda x, out, g: 1.001 * _engine_sigmoid_backward(x, out, g),
                            "1.001 × the correct gradient"),
}


@dataclass(frozen=True)
class BackwardRef:
    """A sigmoid backward by name (plain data), right or broken."""

    name: str

    def numpy(self):
        backward = SIGMOID_BACKWARDS[self.name][0]

        def function(x, out, grad_output):
            return backward(np.asarray(x, dtype=np.float64), np.asarray(out, dtype=np.float64),
                            np.asarray(grad_output, dtype=np.float64))
        function.__name__ = f"{self.name}_sigmoid_backward"
        return function

    def describe(self) -> str:
        return SIGMOID_BACKWARDS[self.name][1]


@dataclass(frozen=True)
class Seed:
    """A random generator as plain data: the student receives np.random.default_rng(seed)."""

    seed: int

    def generator(self) -> np.random.Generator:
        return np.random.default_rng(self.seed)

    def describe(self) -> str:
        return f"np.random.default_rng({self.seed})"
