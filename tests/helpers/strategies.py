"""Hypothesis strategies and a finite-difference helper shared by the engine's tests.

`OP_CASES` maps every op name of `minigrad.REGISTRY` to a strategy of `OpCase`s: random
float64 inputs *inside the op's domain* (log and fractional powers on [0.5, 3], divisors
with |b| in [0.5, 3], relu inputs with |x| >= 1e-3) and random non-differentiable arguments
(axis, keepdims, exponent, shape, labels). Binary elementwise ops get broadcast pairs.

The engine's tests do not use `minigrad.gradcheck` (that is a tool under test elsewhere);
`numerical_gradients` below is the whole reference they compare against.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import minigrad as mg
from minigrad import functional as F

EPS = 1e-6                  # central-difference step (float64)
ATOL, RTOL = 1e-5, 1e-3     # torch.autograd.gradcheck's defaults


# ----- the reference: central differences --------------------------------------------------
def numerical_gradients(f, arrays, upstream, eps=EPS):
    """dL/d(each array) for L = sum(upstream * f(*arrays)), by central differences.

    `f` maps float64 arrays to an array; the arrays are perturbed in place and restored.
    """
    grads = []
    for a in arrays:
        grad = np.zeros_like(a)
        for i in np.ndindex(a.shape):
            old = a[i]
            a[i] = old + eps
            plus = np.sum(upstream * f(*arrays))
            a[i] = old - eps
            minus = np.sum(upstream * f(*arrays))
            a[i] = old
            grad[i] = (plus - minus) / (2 * eps)
        grads.append(grad)
    return grads


def assert_gradients_close(actual, expected, what=""):
    """Same shape and allclose(atol=1e-5, rtol=1e-3), with a readable failure message."""
    assert actual is not None, f"{what}: no gradient was computed"
    actual = np.asarray(actual)
    assert actual.shape == expected.shape, f"{what}: gradient shape {actual.shape}, expected {expected.shape}"
    assert np.allclose(actual, expected, atol=ATOL, rtol=RTOL), (
        f"{what}: analytic and numerical gradients differ\nanalytic:\n{actual}\nnumerical:\n{expected}")


def upstream_gradient(shape, seed) -> np.ndarray:
    """G ~ N(0, 1) of the given shape, read-only (a backward that writes into it fails)."""
    g = np.random.default_rng(seed).standard_normal(shape)
    g.setflags(write=False)
    return g


seeds = st.integers(0, 2**32 - 1)


# ----- element and shape strategies ----------------------------------------------------------
def floats(lo, hi):
    return st.floats(lo, hi, allow_subnormal=False)


def away_from_zero(lo, hi):
    """Floats with lo <= |x| <= hi, either sign."""
    return st.one_of(floats(lo, hi), floats(-hi, -lo))


GENERAL = floats(-2.0, 2.0)
POSITIVE = floats(0.5, 3.0)           # log, fractional powers
DIVISOR = away_from_zero(0.5, 3.0)    # div's second operand
KINKLESS = away_from_zero(1e-3, 2.0)  # relu: finite differences must not straddle 0


def shapes(min_dims=0, max_dims=3):
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=1, max_side=4)


def arrays(shape, elements=GENERAL):
    return hnp.arrays(np.float64, shape, elements=elements)


@st.composite
def reduction_axes(draw, ndim):
    """None, one axis, or a tuple of distinct axes; each axis possibly negative."""
    kind = draw(st.sampled_from(["none", "int", "tuple"])) if ndim else "none"
    if kind == "none":
        return None
    axes = draw(st.lists(st.integers(0, ndim - 1), min_size=1, max_size=ndim, unique=True))
    axes = [a - ndim if draw(st.booleans()) else a for a in axes]
    return axes[0] if kind == "int" else tuple(axes)


# ----- one case of one op ---------------------------------------------------------------------
@dataclass
class OpCase:
    """Inputs for one call of one op: `arrays` get gradients, `params` do not."""

    op: str
    arrays: tuple
    params: dict = field(default_factory=dict)

    def run(self, *tensors):
        """Call the op on minigrad tensors (one per array)."""
        return MINIGRAD_CALLS[self.op](*tensors, **self.params)

    def forward(self, *arrays):
        """The op's forward value on plain arrays, no graph (for finite differences)."""
        with mg.no_grad():
            return self.run(*[mg.Tensor(a) for a in arrays]).data


MINIGRAD_CALLS = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
    "neg": lambda x: -x,
    "pow": lambda x, exponent: x ** exponent,
    "matmul": lambda a, b: a @ b,
    "linear": F.linear,
    "sum": lambda x, axis, keepdims: x.sum(axis=axis, keepdims=keepdims),
    "mean": lambda x, axis, keepdims: x.mean(axis=axis, keepdims=keepdims),
    "reshape": lambda x, shape: x.reshape(shape),
    "transpose": lambda x, axes: x.transpose() if axes is None else x.transpose(axes),
    "exp": F.exp,
    "log": F.log,
    "sigmoid": F.sigmoid,
    "tanh": F.tanh,
    "relu": F.relu,
    "softmax": lambda x, axis: F.softmax(x, axis=axis),
    "log_softmax": lambda x, axis: F.log_softmax(x, axis=axis),
    "mse_loss": F.mse_loss,
    "cross_entropy": lambda logits, labels: F.cross_entropy(logits, labels),
}


@st.composite
def unary(draw, op, elements=GENERAL, min_dims=0):
    return OpCase(op, (draw(arrays(draw(shapes(min_dims)), elements)),))


@st.composite
def broadcast_pair(draw, op, b_elements=GENERAL):
    shape_a, shape_b = draw(hnp.mutually_broadcastable_shapes(
        num_shapes=2, min_dims=0, max_dims=3, max_side=4)).input_shapes
    return OpCase(op, (draw(arrays(shape_a)), draw(arrays(shape_b, b_elements))))


@st.composite
def pow_cases(draw):
    exponent = draw(st.sampled_from([0.0, 1.0, 2.0, 3.0, -1.0, -2.0, 0.5, 1.5, -0.5, 2.5]))
    natural = exponent >= 0 and exponent == int(exponent)
    x = draw(arrays(draw(shapes()), GENERAL if natural else POSITIVE))
    return OpCase("pow", (x,), {"exponent": exponent})


@st.composite
def matmul_cases(draw):
    """matrix-matrix, matrix-vector, vector-matrix, vector-vector and a batch of matrices."""
    kind = draw(st.sampled_from(["mm", "mv", "vm", "vv", "batched"]))
    n, k, m, b = (draw(st.integers(1, 4)) for _ in range(4))
    shape_a = {"mm": (n, k), "mv": (n, k), "vm": (k,), "vv": (k,), "batched": (b, n, k)}[kind]
    shape_b = {"mm": (k, m), "mv": (k,), "vm": (k, m), "vv": (k,), "batched": (k, m)}[kind]
    return OpCase("matmul", (draw(arrays(shape_a)), draw(arrays(shape_b))))


@st.composite
def linear_cases(draw):
    d_in, d_out, n = (draw(st.integers(1, 4)) for _ in range(3))
    x_shape = draw(st.sampled_from([(d_in,), (n, d_in)]))
    return OpCase("linear", (draw(arrays(x_shape)), draw(arrays((d_in, d_out))), draw(arrays((d_out,)))))


@st.composite
def reduction_cases(draw, op):
    shape = draw(shapes())
    params = {"axis": draw(reduction_axes(len(shape))), "keepdims": draw(st.booleans())}
    return OpCase(op, (draw(arrays(shape)),), params)


@st.composite
def reshape_cases(draw):
    shape = draw(shapes())
    size = int(np.prod(shape))
    target = draw(st.sampled_from([(-1,), (size,), tuple(reversed(shape)), (1,) + shape, shape + (1, -1)]))
    return OpCase("reshape", (draw(arrays(shape)),), {"shape": target})


@st.composite
def transpose_cases(draw):
    shape = draw(shapes())
    axes = None
    if shape and draw(st.booleans()):
        axes = tuple(a - len(shape) if draw(st.booleans()) else a
                     for a in draw(st.permutations(range(len(shape)))))
    return OpCase("transpose", (draw(arrays(shape)),), {"axes": axes})


@st.composite
def softmax_cases(draw, op):
    shape = draw(shapes(min_dims=1))
    axis = draw(st.one_of(st.none(), st.integers(-len(shape), len(shape) - 1)))
    return OpCase(op, (draw(arrays(shape, floats(-3.0, 3.0))),), {"axis": axis})


@st.composite
def mse_cases(draw):
    shape = draw(shapes())
    return OpCase("mse_loss", (draw(arrays(shape)), draw(arrays(shape))))


@st.composite
def cross_entropy_cases(draw):
    classes = draw(st.integers(1, 5))
    batch = draw(st.sampled_from([(), (draw(st.integers(1, 4)),)]))
    labels = draw(hnp.arrays(np.int64, batch, elements=st.integers(0, classes - 1)))
    logits = draw(arrays(batch + (classes,), floats(-3.0, 3.0)))
    return OpCase("cross_entropy", (logits,), {"labels": labels})


OP_CASES = {
    "add": broadcast_pair("add"),
    "sub": broadcast_pair("sub"),
    "mul": broadcast_pair("mul"),
    "div": broadcast_pair("div", DIVISOR),
    "neg": unary("neg"),
    "pow": pow_cases(),
    "matmul": matmul_cases(),
    "linear": linear_cases(),
    "sum": reduction_cases("sum"),
    "mean": reduction_cases("mean"),
    "reshape": reshape_cases(),
    "transpose": transpose_cases(),
    "exp": unary("exp", floats(-3.0, 3.0)),
    "log": unary("log", POSITIVE),
    "sigmoid": unary("sigmoid", floats(-5.0, 5.0)),
    "tanh": unary("tanh", floats(-3.0, 3.0)),
    "relu": unary("relu", KINKLESS),
    "softmax": softmax_cases("softmax"),
    "log_softmax": softmax_cases("log_softmax"),
    "mse_loss": mse_cases(),
    "cross_entropy": cross_entropy_cases(),
}


def engine_ops() -> set:
    """Names of the ops minigrad itself registers (not test-only ops defined elsewhere)."""
    return {name for name, cls in mg.REGISTRY.items() if cls.__module__.startswith("minigrad.")}


# ----- graphs worth testing (shared by the engine and the PyTorch-agreement tests) ----------
# Each takes one tensor x (minigrad or torch: only operators and methods both have) and
# returns a tensor of x's shape.
def _shared_subexpression(x):
    s = x.tanh()                      # used three times, by three different consumers
    return s * x + s.exp() - s


GRAPHS = {
    "x*x + x": lambda x: x * x + x,
    "diamond": lambda a: a.tanh() * a.exp(),          # b = f(a), c = g(a), d = b * c
    "shared subexpression": _shared_subexpression,
    "add(neg(neg(x)), x)": lambda x: -(-x) + x,  # noqa: B002 - two negations on purpose, not a decrement
    "fan-out": lambda x: x * 2.0 + x.exp() + x * x + x.sigmoid() - x,
}


@st.composite
def random_programs(draw, n_leaves=2, max_steps=8):
    """A random DAG over `n_leaves` inputs: each step applies an op to earlier nodes.

    Returned as a list of (op, i, j) with i, j indices of earlier nodes (reuse makes fan-out
    and diamonds); `run_program` evaluates it on minigrad tensors or plain arrays alike.
    """
    steps = []
    for k in range(draw(st.integers(1, max_steps))):
        n = n_leaves + k
        steps.append((draw(st.sampled_from(sorted(PROGRAM_OPS))),
                      draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))))
    return steps


PROGRAM_OPS = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "tanh": lambda a, b: a.tanh(),
    "sigmoid": lambda a, b: a.sigmoid(),
    "neg": lambda a, b: -a,
    "half": lambda a, b: a * 0.5,
}


def run_program(steps, *leaves):
    nodes = list(leaves)
    for op, i, j in steps:
        nodes.append(PROGRAM_OPS[op](nodes[i], nodes[j]))
    return nodes[-1]
