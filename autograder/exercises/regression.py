"""Linear regression, the course's running example for gradient descent.

    mse_gradient(w, X_batch, y_batch) -> ∇_w mean((X_B w − y_B)²) = (2/|B|) X_Bᵀ (X_B w − y_B)
    largest_stable_learning_rate(X) -> 2 / λ_max((2/P) XᵀX), a plain float

With predictions ŷ = X_B w, every weight w_j reaches every prediction (ŷ_i = Σ_j X_ij w_j),
so the chain rule sums over the rows: ∂L/∂w_j = Σ_i (2/|B|)(ŷ_i − y_i) X_ij. One row is SGD,
all rows is full-batch descent; the formula is the same.

The largest stable learning rate comes from the Hessian H = (2/P) XᵀX: full-batch descent
multiplies the error along an eigenvector of H by 1 − ηλ per step.

`DescentRun` is the in-context case of these exercises and of `gradient_descent_update`:
a short descent on a real regression problem with the student's piece inside it.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..collecting.calls import Call
from ..collecting.engine_runs import RegressionDescent
from ..detectors import ConstantFactor, ErrorPattern, InPlace, Variant, factor_variants, scaled
from ..exercise import Exercise
from .cases import Case, frozen, rng_for
from .common import backward_case, central_vjp
from .linalg import SHAPE_ERROR


def regression_gradient(w, X, y):
    """(2/N) Xᵀ (X w − y): the gradient of the mean squared error over the N rows of X."""
    return 2.0 / len(y) * (X.T @ (X @ w - y))


def mean_squared_error(w, X, y):
    return np.mean((X @ w - y) ** 2)


def hessian(X):
    """H = (2/P) XᵀX, the matrix of second derivatives of mean((X w − y)²) (the same at every w)."""
    return 2.0 / len(X) * (X.T @ X)


def stable_rate(X):
    """2 / λ_max(H): full-batch descent multiplies the error along an eigenvector of H with
    eigenvalue λ by 1 − ηλ per step, which shrinks for every λ only while η < 2/λ_max."""
    return 2.0 / np.linalg.eigvalsh(hessian(X))[-1]


def descend(x, gradx, learning_rate):
    """One step of gradient descent: x − learning_rate · gradx (a new array)."""
    return np.asarray(x, dtype=np.float64) - learning_rate * np.asarray(gradx, dtype=np.float64)


# what stands in the student's place for the expected path of a DescentRun
REFERENCES = {"update": descend, "gradient": regression_gradient, "rate": stable_rate}


@dataclass(frozen=True)
class DescentRun:
    """In context: `steps` steps of gradient descent on linear regression (30 samples of
    `regression_2d`, minibatches of `batch_size` rows taken in turn) with the student's
    function inside, as the update (`student="update"`: fn(w, grad, learning_rate)), the
    batch gradient (`student="gradient"`: fn(w, X_batch, y_batch)) or the learning rate
    (`student="rate"`: fn(X); the run steps with `learning_rate` times it). Records the
    weights after every step; the expected path is the same run with the reference in the
    student's place (`autograder.collecting.engine_runs.RegressionDescent`)."""

    steps: int = 20
    learning_rate: float = 0.1
    batch_size: int = 30
    student: str = "update"
    samples: int = 30

    def case(self, seed: int) -> Case:
        run = RegressionDescent(self.student, self.steps, self.learning_rate, self.batch_size, self.samples, seed)
        path = frozen(run.run(REFERENCES[self.student]))
        kind = "gradient descent" if self.batch_size == self.samples else \
            f"minibatch gradient descent (batches of {self.batch_size})"
        what = f"{self.steps} steps of {kind}"
        passed = f"it also fits linear regression in {what}"
        if self.student == "rate":
            what += f" at {self.learning_rate:g} × your rate"
            passed = f"{what} on linear regression take the reference's path"
        return Case(f"in context: {what} on linear regression", "engine", ("descent", seed), (path,),
                    info={"components": ("the path of the weights",), "seed": seed, "size": 10**6,
                          "passed_text": passed,
                          "failed_text": f"{what} on linear regression with your {self.student} went wrong"},
                    call=Call("engine", (run,)))


# ----- mse_gradient -----------------------------------------------------------------------------
NOTEBOOK_EXAMPLE = (np.array([0.3, -0.7]), np.array([[1.0, 2.0], [0.5, -1.0], [-2.0, 0.0]]), np.array([1.0, 0.0, 2.0]))


def _gradient_cases(suite, seed=None):
    rng = rng_for("mse_gradient", suite, seed=seed)

    def case(name, kind, w, X, y):
        numerical = central_vjp(mean_squared_error, (w, X, y), np.float64(1.0), (0,))
        return backward_case(name, kind, (w, X, y), regression_gradient, numerical=numerical, rtol=1e-7, atol=1e-10,
                             info={"size": int(np.size(X)), "rows": len(y)})

    def random(rows, features, name=None, kind="random", w=None):
        X = rng.normal(size=(rows, features))
        y = rng.normal(size=rows)
        w = rng.normal(size=features) if w is None else w
        return case(name or f"random batch of {rows} rows, {features} features", kind, w, X, y)

    if suite == "visible":
        X, y = rng.normal(size=(8, 2)), rng.normal(size=8)
        return [case("3 rows, 2 features (the notebook's example)", "edge", *NOTEBOOK_EXAMPLE),
                random(1, 2, "one row (SGD)", "edge"),
                random(10, 2),
                random(6, 3),
                case("w at the least-squares solution of its batch: the gradient is 0", "edge",
                     np.linalg.lstsq(X, y, rcond=None)[0], X, y),
                random(6, 1, "6 rows, a single feature"),
                random(30, 3, "30 rows, w = 0", "edge", w=np.zeros(3)),
                random(3, 3, "3 rows, 3 features (a square batch)"),
                random(2, 4, "fewer rows than features: 2 rows, 4 features")]
    X, y = rng.normal(size=(12, 3)), rng.normal(size=12)
    return [random(17, 4),
            random(1, 3, "one row (SGD), 3 features", "edge"),
            random(2, 2, "2 rows, 2 features (a square batch)"),
            random(50, 2, "50 rows, w = 0", "edge", w=np.zeros(2)),
            random(8, 1, "8 rows, a single feature"),
            random(5, 6, "fewer rows than features: 5 rows, 6 features"),
            random(6, 3),
            random(4, 2, "4 rows, 2 features, w = 0", "edge", w=np.zeros(2)),
            case("w at the least-squares solution of its batch: the gradient is 0", "edge",
                 np.linalg.lstsq(X, y, rcond=None)[0], X, y)]


def _summed(case):
    return (case.info["rows"] * case.expected[0],)


def _untransposed(case):
    w, X, y = (np.asarray(a) for a in case.args)
    return (2.0 / len(y) * (X @ (X @ w - y)),)


def _without_target(case):
    """2/|B|·Xᵀ(X w): the gradient of mean((X w)²), the target y left out of the residual."""
    w, X, y = (np.asarray(a) for a in case.args)
    return (2.0 / len(y) * X.T @ (X @ w),)


def _one_term_scaled(term: int, power: int):
    """Variant result: 2/|B|·(XᵀX w − Xᵀy) with one of its two terms (0: the prediction's, 1: the target's)
    times |B|^power — a factor of the batch size slipped into one term of the residual, the other right."""
    def result(case):
        w, X, y = (np.asarray(a) for a in case.args)
        terms = [X.T @ (X @ w), X.T @ y]
        terms[term] = terms[term] * float(len(y)) ** power
        return (2.0 / len(y) * (terms[0] - terms[1]),)
    return result


TERM_SLIPS = (   # (term, power, the student's formula, what happened)
    (0, -1, "2/|B|·(XᵀX w/|B| − Xᵀy)", "the term of X w is divided by |B| once too often"),
    (0, 1, "2·XᵀX w − 2/|B|·Xᵀy", "the term of X w is not divided by |B|"),
    (1, -1, "2/|B|·(XᵀX w − Xᵀy/|B|)", "the term of y is divided by |B| once too often"),
    (1, 1, "2/|B|·XᵀX w − 2·Xᵀy", "the term of y is not divided by |B|"),
)


def _term_variants() -> tuple:
    """`missing_factor` for a factor |B| missing or extra in the term of X w or in the term of y alone."""
    return tuple(Variant("missing_factor", _one_term_scaled(term, power),
                         seen=f"Your gradient is {formula} (|B| the number of rows): {what}; the other term is right.",
                         hint="Write the gradient as 2/|B|·Xᵀ(X w − y) and divide once, outside the bracket.")
                 for term, power, formula, what in TERM_SLIPS)


mse_gradient = Exercise(
    "mse_gradient", "mse_gradient(w, X_batch, y_batch)", ("w", "X_batch", "y_batch"), ("dL/dw",),
    _gradient_cases,
    (Variant("missing_factor", _summed, seen="Your gradient is |B| times the expected one (|B| = the number of "
             "rows in the batch): the sum of the samples' gradients, not their average.",
             hint="The loss is an average over the batch. What does an average divide by?"),
     Variant("missing_factor", scaled(0.5), seen="Your gradient is half the expected one.",
             hint="Differentiate one sample's (x·w − y)²: what does the power rule bring down?"),
     Variant("sign_error", scaled(-1.0), seen="Your gradient is exactly minus the expected one: it points "
             "downhill.", hint="The residual is prediction minus target; check the order of that subtraction."),
     Variant("transposed", _untransposed),
     Variant("missing_onehot", _without_target, seen="Your gradient is 2/|B|·Xᵀ(X w), the gradient of "
             "mean((X w)²): the target y is missing from the residual.",
             hint="The residual of one sample is its prediction minus what? Check every factor of your formula."),
     ErrorPattern("transposed", SHAPE_ERROR, seen="numpy could not multiply the shapes you combined: a "
                  "transpose is missing or the factors are in the wrong order."),
     InPlace(), ConstantFactor()) + _term_variants() +
    factor_variants({"|B|": (lambda case: case.info["rows"], "the number of rows in the batch"),
                     "d": (lambda case: len(case.args[0]), "the number of features")}, exponents=(-1, 1)),
    engine=DescentRun(batch_size=10, student="gradient"), shape_notes=("the shape of w",))



# ----- largest_stable_learning_rate --------------------------------------------------------------
def _rate_cases(suite, seed=None):
    rng = rng_for("largest_stable_learning_rate", suite, seed=seed)

    def case(name, kind, X):
        X = np.asarray(X, dtype=np.float64)
        return Case(name, kind, (frozen(X),), (frozen(stable_rate(X)),), rtol=1e-9, atol=1e-12,
                    info={"size": int(X.size)})

    if suite == "visible":
        return [case("H = diag(1, 4) (the notebook's example)", "edge",
                     [[1.0, 0.0], [-1.0, 0.0], [0.0, 2.0], [0.0, -2.0]]),
                case("one feature, 5 rows", "edge", rng.normal(size=(5, 1))),
                case("20 rows, 2 correlated features", "random",
                     rng.normal(size=(20, 2)) @ np.array([[1.0, 0.8], [0.0, 0.4]])),
                case("12 rows, 3 features on different scales", "random",
                     rng.normal(size=(12, 3)) * np.array([0.5, 1.0, 3.0])),
                case("a single number, X = [[2]]", "edge", [[2.0]]),
                case("fewer rows than features: 2 rows, 3 features", "random", rng.normal(size=(2, 3))),
                case("6 rows, 3 features, one of them constant", "edge",
                     np.column_stack([rng.normal(size=(6, 2)), np.ones(6)]))]
    return [case("a single number, X = [[3]]", "edge", [[3.0]]),
            case("50 rows, 2 strongly correlated features", "random",
                 rng.normal(size=(50, 2)) @ np.array([[1.0, 0.9], [0.0, 0.3]])),
            case("30 rows, 5 features on different scales", "random",
                 rng.normal(size=(30, 5)) * np.array([1.0, 3.0, 0.5, 1.0, 2.0])),
            case("fewer rows than features: 3 rows, 4 features", "random", rng.normal(size=(3, 4))),
            case("8 rows, 2 features, one of them constant", "edge",
                 np.column_stack([rng.normal(size=8), np.ones(8)])),
            case("one feature, 7 rows", "edge", rng.normal(size=(7, 1))),
            case("15 rows, 3 correlated features", "random", rng.normal(size=(15, 3)) @ rng.normal(size=(3, 3)))]


def _rate_from(make_hessian, numerator=2.0, which=-1):
    """Variant result: numerator / (an eigenvalue of a Hessian built the wrong way); None where
    that eigenvalue is zero up to rounding (the mistake's result is then rounding noise)."""
    def result(case):
        eigenvalues = np.linalg.eigvalsh(make_hessian(np.asarray(case.args[0])))
        if eigenvalues[which] <= 1e-10 * eigenvalues[-1]:
            return None
        return (np.asarray(numerator / eigenvalues[which]),)
    return result


ZERO_EIGENVALUE = 1e-10   # an eigenvalue below this share of λ_max is 0 up to rounding


def _other_eigenvalues(case):
    """Variant result: 2/λ for every eigenvalue λ of H but the largest (and not 0)."""
    eigenvalues = np.linalg.eigvalsh(hessian(np.asarray(case.args[0])))
    return ([np.asarray(2.0 / lam) for lam in eigenvalues[:-1] if lam > ZERO_EIGENVALUE * eigenvalues[-1]],)


def _zero_eigenvalue_rate(case):
    """Where H has an eigenvalue 0 up to rounding (rank-deficient: fewer rows than features, a
    repeated column), 2/λ for it is 2/(rounding noise): at least 2/(1e-10·λ_max) in size. None elsewhere."""
    eigenvalues = np.linalg.eigvalsh(hessian(np.asarray(case.args[0])))
    if eigenvalues[0] > ZERO_EIGENVALUE * eigenvalues[-1]:
        return None
    return (2.0 / (ZERO_EIGENVALUE * eigenvalues[-1]),)


HESSIAN_HINT = "The loss is the average of squared errors. Differentiate it twice: which constants survive?"

largest_stable_learning_rate = Exercise(
    "largest_stable_learning_rate", "largest_stable_learning_rate(X)", ("X",), ("the learning rate",),
    _rate_cases,
    (Variant("wrong_eigenvalue", _rate_from(hessian, which=0)),
     Variant("missing_factor", _rate_from(hessian, numerator=1.0), seen="Your rate is 1/λ_max, half the "
             "limit: the rate that removes the steepest direction's error in one step, not the largest one "
             "that still converges.", hint="Along an eigenvector the error is multiplied by 1 − ηλ per step. "
             "For which η does |1 − ηλ| reach 1?"),
     Variant("missing_factor", _rate_from(lambda X: X.T @ X), seen="Your rate matches the Hessian XᵀX, "
             "without the factor 2/P.", hint=HESSIAN_HINT),
     Variant("missing_factor", _rate_from(lambda X: X.T @ X / len(X)), seen="Your rate matches the Hessian "
             "XᵀX / P, without the 2.", hint=HESSIAN_HINT),
     Variant("missing_factor", _rate_from(lambda X: 2.0 * X.T @ X), seen="Your rate matches the Hessian "
             "2 XᵀX, without the 1/P.", hint=HESSIAN_HINT),
     Variant("wrong_eigenvalue", _other_eigenvalues, alternatives=True, beyond=_zero_eigenvalue_rate),
     InPlace(), ConstantFactor(what="rate")) +
    factor_variants({"P": (lambda case: len(case.args[0]), "the number of rows"),
                     "d": (lambda case: np.shape(case.args[0])[1], "the number of features")}, exponents=(-1, 1),
                    what="rate"),
    engine=DescentRun(learning_rate=0.95, student="rate"), shape_notes=("a single number",))

EXERCISES = (mse_gradient, largest_stable_learning_rate)
