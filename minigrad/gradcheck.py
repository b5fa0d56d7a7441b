"""Check gradients against finite differences, and build Jacobians two ways.

Central differences approximate a derivative with error O(eps²):

    ∂f/∂x_j ≈ (f(x + eps·e_j) − f(x − eps·e_j)) / (2·eps).

Everything here works in float64: with eps = 1e-6, float32 round-off (~1e-7 relative)
swamps the difference quotient and a correct gradient fails the check.

`gradcheck` compares backprop against central differences of L(x) = sum(G ⊙ fn(x)) for a
random upstream gradient G ~ N(0, 1). A random G — not all ones — is what catches a
backward that forgets to multiply by its `grad_output`.

`jacobian_fd` (finite differences, one column per input) and `jacobian_reverse` (one
vector-Jacobian product per output row) are the references of the course's Jacobian
exercises.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from .op import no_grad
from .tensor import Tensor

if TYPE_CHECKING:
    from collections.abc import Callable

    from numpy.typing import ArrayLike


# ----- finite differences ------------------------------------------------------------
def numerical_gradient(f: Callable[[np.ndarray], float | Tensor], x: Tensor | ArrayLike,
                       eps: float = 1e-6) -> np.ndarray:
    """∇f(x) by central differences, for a scalar function f of an array x of any shape.

    Each entry of x is moved to x_j ± eps in place, f is evaluated, and the entry is put
    back, so f may also read x through a closure. x may be a Tensor (its `.data` is
    perturbed, so `numerical_gradient(lambda _: loss_of(model), W)` works for a parameter
    W). x must be float64 (a float32 array gives an error saying why); a list or a number
    is copied into a new float64 array. Returns an array of x's shape.
    """
    x = _float64_array(x.data if isinstance(x, Tensor) else x, "numerical_gradient")
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        try:
            x[index] = original + eps
            f_plus = _single_number(f(x), "f")
            x[index] = original - eps
            f_minus = _single_number(f(x), "f")
        finally:
            x[index] = original
        grad[index] = (f_plus - f_minus) / (2 * eps)
    return grad


def jacobian_fd(f: Callable[[np.ndarray], ArrayLike | Tensor], x: ArrayLike, eps: float = 1e-6) -> np.ndarray:
    """The Jacobian J[i, j] = ∂f_i/∂x_j of f: (n,) → (m,) by central differences.

    Column j is (f(x + eps·e_j) − f(x − eps·e_j)) / (2·eps). f is a numpy function; x is
    not modified. Returns J of shape (m, n).
    """
    x = np.array(x, dtype=np.float64)
    if x.ndim != 1:
        raise ValueError(f"jacobian_fd needs a 1-D x of shape (n,); got shape {x.shape}. "
                         "Flatten it first (x.ravel()).")
    columns = []
    for j in range(x.size):
        step = np.zeros_like(x)
        step[j] = eps
        f_plus = _vector_output(f(x + step), "jacobian_fd")
        f_minus = _vector_output(f(x - step), "jacobian_fd")
        columns.append((f_plus - f_minus) / (2 * eps))
    return np.stack(columns, axis=1)


# ----- reverse mode ------------------------------------------------------------------
def vjp(f: Callable[[Tensor], Tensor], x: Tensor | ArrayLike, v: ArrayLike) -> np.ndarray:
    """The vector-Jacobian product vᵀJ of a Tensor function f at x, by one backward pass.

    If y = f(x), then vᵀJ = d(Σ_i v_i y_i)/dx: `y.backward(v)` leaves it in x.grad.
    v has y's shape; the result has x's shape. x itself is not touched (f gets a copy),
    but other tensors with requires_grad that f uses collect gradients as usual.
    """
    x_leaf = _fresh_leaf(x)
    y = _tensor_output(f(x_leaf), "vjp")
    v = np.asarray(v, dtype=np.float64)
    if v.shape != y.shape:
        raise ValueError(f"vjp: v must have the shape of f(x), {y.shape}; got {v.shape}.")
    return _pull_back(y, x_leaf, v)


def jacobian_reverse(f: Callable[[Tensor], Tensor], x: Tensor | ArrayLike) -> np.ndarray:
    """The Jacobian of f: Tensor (n,) → Tensor (m,) by reverse mode, one row at a time.

    Row i of J is e_iᵀJ, the vector-Jacobian product with the i-th unit vector: one
    forward pass, then m backward passes `y.backward(grad=e_i)`, clearing x.grad before
    each (gradients add up otherwise). Returns J of shape (m, n).
    """
    x_leaf = _fresh_leaf(x)
    if x_leaf.ndim != 1:
        raise ValueError(f"jacobian_reverse needs a 1-D x of shape (n,); got shape {x_leaf.shape}.")
    y = _tensor_output(f(x_leaf), "jacobian_reverse")
    if y.ndim != 1:
        raise ValueError(f"jacobian_reverse needs f to return a 1-D Tensor of shape (m,); got shape {y.shape}.")
    rows = []
    for unit in np.eye(y.shape[0]):
        x_leaf.grad = None
        rows.append(_pull_back(y, x_leaf, unit))
    return np.stack(rows) if rows else np.zeros((0, x_leaf.shape[0]))


def _pull_back(y: Tensor, x_leaf: Tensor, v: np.ndarray) -> np.ndarray:
    """dL/dx for L = Σ v ⊙ y; zero when y does not depend on x at all."""
    if y.requires_grad:
        y.backward(v)
    return np.zeros_like(x_leaf.data) if x_leaf.grad is None else x_leaf.grad.copy()


# ----- comparing gradients -----------------------------------------------------------
# The one relative error of the kit, and the one scale it is read on: the engine's gradcheck,
# the exercise checks and their reports all use these.
def relative_error(analytic: ArrayLike, numerical: ArrayLike, atol: float = 0.0) -> np.ndarray:
    """Elementwise rel(a, n) = |a − n| / max(1e-8, |a| + |n|), in [0, 1] for finite a and n.

    It does not depend on the scale of the numbers, and it is 1 when a and n have opposite
    signs. Where either is not a number (NaN) the error is inf. Where both |a| and |n| are
    below `atol` — too small to judge — it is 0. Read it with `describe_relative_error`.
    """
    a = np.asarray(analytic, dtype=np.float64)
    n = np.asarray(numerical, dtype=np.float64)
    with np.errstate(all="ignore"):
        error = np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))
    error = np.where(np.isnan(error), np.inf, error)
    return np.where(np.maximum(np.abs(a), np.abs(n)) < atol, 0.0, error)


# (above this relative error, the word, what it says about two results)
RELATIVE_ERROR_SCALE = (
    (1e-2, "wrong", "above 1e-2 the values disagree, it is not rounding"),
    (1e-4, "suspicious", "between 1e-4 and 1e-2, more than rounding or finite differences explain: "
                         "a slightly different constant or a missing term"),
    (1e-7, "acceptable", "between 1e-7 and 1e-4, what finite differences give near a kink (such as "
                         "ReLU's), but between exact formulas a small slip such as lost precision"),
    (0.0, "good", "equal up to rounding"),
)


def describe_relative_error(error: float) -> str:
    """'wrong' (> 1e-2), 'suspicious' (> 1e-4), 'acceptable' (> 1e-7) or 'good'; a
    relative error that is not a finite number is 'wrong'."""
    return _on_scale(error)[1]


def explain_relative_error(error: float) -> str:
    """The word of `describe_relative_error` and what it means, in a sentence:
    'wrong: above 1e-2 the values disagree, it is not rounding'."""
    if not np.isfinite(error):
        return "wrong: not a number, something overflowed or was undefined"
    _, word, meaning = _on_scale(error)
    return f"{word}: {meaning}"


def _on_scale(error: float) -> tuple:
    if not np.isfinite(error):
        return RELATIVE_ERROR_SCALE[0]
    return next(level for level in RELATIVE_ERROR_SCALE if error > level[0] or level[0] == 0.0)


@dataclass
class GradcheckResult:
    """What `gradcheck` found.

    ok : every checked gradient passed allclose(analytic, numerical, atol, rtol).
    max_relative_error : the largest `relative_error` over the elements whose gradients
        are at least `atol` in size (smaller ones are below what finite differences
        resolve; allclose judges them by atol alone).
    worst_input, worst_index : the input (position in the call) and the element where
        |a − n| / (atol + rtol·|n|) is largest — the allclose test fails where this is > 1.
    analytic, numerical : one gradient array per input (None for inputs not checked).
    notes : remarks about the inputs (e.g. a float32 input was converted to float64).
    """

    ok: bool
    max_relative_error: float
    worst_input: int
    worst_index: tuple
    analytic: list
    numerical: list
    atol: float
    rtol: float
    notes: list = field(default_factory=list)

    @property
    def worst_analytic(self) -> float:
        return float(self.analytic[self.worst_input][self.worst_index])

    @property
    def worst_numerical(self) -> float:
        return float(self.numerical[self.worst_input][self.worst_index])

    def __str__(self) -> str:
        checked = [i for i, g in enumerate(self.analytic) if g is not None]
        worst_error = float(relative_error(self.worst_analytic, self.worst_numerical))
        if self.ok:
            lines = [f"gradcheck passed for {len(checked)} input(s): max relative error "
                     f"{self.max_relative_error:.1e} ({describe_relative_error(self.max_relative_error)})."]
        else:
            lines = [f"gradcheck FAILED: backprop and finite differences disagree "
                     f"(allowed: |analytic − numerical| ≤ {self.atol:g} + {self.rtol:g}·|numerical|)."]
            for i in checked:
                bad = self._failing(i)
                if bad.any():
                    lines.append(f"  input {i}, shape {self.analytic[i].shape}: "
                                 f"{int(bad.sum())} of {bad.size} elements differ.")
        lines.append(f"  worst: input {self.worst_input}, index {self.worst_index}: analytic "
                     f"{self.worst_analytic:.6g}, numerical {self.worst_numerical:.6g}, relative error "
                     f"{worst_error:.1e} ({describe_relative_error(worst_error)}).")
        if not self.ok:
            i = self.worst_input
            lines.append(f"  analytic gradient of input {i}:\n{_indent(self.analytic[i])}")
            lines.append(f"  numerical gradient of input {i}:\n{_indent(self.numerical[i])}")
        lines.extend(f"  note: {note}" for note in self.notes)
        return "\n".join(lines)

    def _failing(self, i: int) -> np.ndarray:
        a, n = self.analytic[i], self.numerical[i]
        return ~np.isclose(a, n, atol=self.atol, rtol=self.rtol)


def gradcheck(fn: Callable[..., Tensor], *inputs: Tensor | ArrayLike, seed: int = 0, eps: float = 1e-6,
              atol: float = 1e-5, rtol: float = 1e-3) -> GradcheckResult:
    """Compare the gradients backprop gives for `fn` with central differences.

    fn takes minigrad Tensors and returns a Tensor. Each input is an array (checked, as a
    float64 Tensor with requires_grad=True) or a Tensor (checked only if it has
    requires_grad=True; others are constants). The inputs are copied, so their `.grad` is
    left alone. Inputs of another dtype (e.g. float32) are converted to float64, with a note.

    With an upstream gradient G ~ N(0, 1) of the output's shape (drawn from `seed`), the
    analytic gradients come from `fn(*inputs).backward(G)` and the numerical ones from
    central differences of L(x) = Σ G ⊙ fn(x). They pass when
    |analytic − numerical| ≤ atol + rtol·|numerical| everywhere (torch.autograd.gradcheck's
    defaults). Keep inputs away from kinks (ReLU at 0) and outside a function's forbidden
    domain (log needs x > 0).
    """
    leaves, notes = _checked_leaves(inputs)
    if not any(t.requires_grad for t in leaves):
        raise ValueError("gradcheck has nothing to check: every input is a Tensor with requires_grad=False. "
                         "Pass arrays, or Tensors with requires_grad=True, for the inputs to differentiate.")
    out = _tensor_output(fn(*leaves), "gradcheck")
    upstream = np.random.default_rng(seed).standard_normal(out.shape)
    if out.requires_grad:
        out.backward(upstream)

    def objective(_):
        with no_grad():
            return float(np.sum(upstream * _tensor_output(fn(*leaves), "gradcheck").data))

    analytic, numerical = [], []
    for leaf in leaves:
        if not leaf.requires_grad:
            analytic.append(None)
            numerical.append(None)
            continue
        analytic.append(np.zeros_like(leaf.data) if leaf.grad is None else leaf.grad)
        numerical.append(numerical_gradient(objective, leaf.data, eps))
    return _summarise(analytic, numerical, atol, rtol, notes)


def assert_gradcheck(fn: Callable[..., Tensor], *inputs: Tensor | ArrayLike, **options: float) -> GradcheckResult:
    """`gradcheck`, raising AssertionError with the report when the gradients disagree."""
    result = gradcheck(fn, *inputs, **options)
    if not result.ok:
        raise AssertionError(str(result))
    return result


def _summarise(analytic, numerical, atol, rtol, notes) -> GradcheckResult:
    checked = [i for i, g in enumerate(analytic) if g is not None]
    ok = all(np.allclose(analytic[i], numerical[i], atol=atol, rtol=rtol) for i in checked)
    worst_input, worst_index, worst_score, max_error = checked[0], (), -1.0, 0.0
    for i in checked:
        a, n = analytic[i], numerical[i]
        score = np.abs(a - n) / (atol + rtol * np.abs(n))
        index = np.unravel_index(np.argmax(score), score.shape) if score.size else ()
        if score.size and score[index] > worst_score:
            worst_input, worst_index, worst_score = i, tuple(int(k) for k in index), float(score[index])
        measurable = np.abs(a) + np.abs(n) >= atol
        if measurable.any():
            max_error = max(max_error, float(relative_error(a, n)[measurable].max()))
    return GradcheckResult(ok, max_error, worst_input, worst_index, analytic, numerical, atol, rtol, notes)


# ----- helpers -----------------------------------------------------------------------
def _checked_leaves(inputs):
    """Fresh float64 leaf tensors for gradcheck's inputs, and notes about conversions."""
    leaves, notes = [], []
    for position, value in enumerate(inputs):
        requires_grad = value.requires_grad if isinstance(value, Tensor) else True
        data = value.data if isinstance(value, Tensor) else np.asarray(value)
        if data.size == 0:
            raise ValueError(f"gradcheck: input {position} is empty (shape {data.shape}); there is nothing to check.")
        if data.dtype.kind == "f" and data.dtype != np.float64:
            notes.append(f"input {position} was {data.dtype}; it was checked in float64, because "
                         f"{data.dtype} round-off makes finite differences fail on correct code.")
        name = value.name if isinstance(value, Tensor) else None
        leaves.append(Tensor(np.array(data, dtype=np.float64), requires_grad=requires_grad, name=name))
    return leaves, notes


def _fresh_leaf(x) -> Tensor:
    data = x.data if isinstance(x, Tensor) else x
    return Tensor(np.array(data, dtype=np.float64), requires_grad=True)


def _float64_array(x, who: str) -> np.ndarray:
    if isinstance(x, np.ndarray):
        if x.dtype != np.float64:
            raise TypeError(f"{who} needs a float64 array, got {x.dtype}. In lower precision the "
                            "round-off swamps the finite difference; pass x.astype(np.float64).")
        return x
    return np.array(x, dtype=np.float64)


def _single_number(value, what: str) -> float:
    array = value.data if isinstance(value, Tensor) else np.asarray(value)
    if array.size != 1:
        raise ValueError(f"{what} must return a single number (a loss), but it returned shape {array.shape}.")
    return float(array.reshape(()))


def _vector_output(value, who: str) -> np.ndarray:
    array = np.asarray(value.data if isinstance(value, Tensor) else value, dtype=np.float64)
    if array.ndim != 1:
        raise ValueError(f"{who} needs f to return a 1-D array of shape (m,); got shape {array.shape}.")
    return array


def _tensor_output(value, who: str) -> Tensor:
    if not isinstance(value, Tensor):
        raise TypeError(f"{who} needs a function that returns a minigrad Tensor; it returned a "
                        f"{type(value).__name__}. Build the result from minigrad ops on the Tensors it receives.")
    return value


def _indent(array: np.ndarray) -> str:
    text = np.array2string(array, precision=5, threshold=40, suppress_small=True)
    return "\n".join("    " + line for line in text.splitlines())
