"""Students' solutions of `numerical_derivative`, `gradient_descent_update`,
`gradient_check_error`: correct ones and planted mistakes (see `registry`)."""
from __future__ import annotations

import numpy as np

from .activations import stable_sigmoid
from .registry import correct, planted


# ----- numerical_derivative -------------------------------------------------------------------
@correct("numerical_derivative")
def central_difference(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


@correct("numerical_derivative")
def central_difference_halved(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / h / 2


@planted("numerical_derivative", "forward_difference")
def forward_difference(f, x, h=1e-5):
    return (f(x + h) - f(x)) / h


@planted("numerical_derivative", "forward_difference")
def backward_difference(f, x, h=1e-5):
    return (f(x) - f(x - h)) / h


@planted("numerical_derivative", "missing_factor")
def central_over_h(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / h


@planted("numerical_derivative", "sign_error")
def central_reversed(f, x, h=1e-5):
    return (f(x - h) - f(x + h)) / (2 * h)


@planted("numerical_derivative", "fixed_step")
def central_own_step(f, x, h=1e-5):
    step = 1e-5
    return (f(x + step) - f(x - step)) / (2 * step)


@planted("numerical_derivative", "in_place")
def central_moving_x(f, x, h=1e-5):
    x = np.asarray(x, dtype=float)   # a new array for a number, the same array for an array
    x += h
    up = f(x)
    x -= 2 * h
    down = f(x)
    x += h
    return (up - down) / (2 * h)


# ----- gradient_descent_update ----------------------------------------------------------------
@correct("gradient_descent_update")
def descend(x, gradx, learning_rate):
    return x - learning_rate * gradx


@correct("gradient_descent_update")
def descend_numpy(x, gradx, learning_rate):
    return np.subtract(x, np.multiply(learning_rate, gradx))


@planted("gradient_descent_update", "sign_error")
def ascend(x, gradx, learning_rate):
    return x + learning_rate * gradx


@planted("gradient_descent_update", "missing_factor")
def descend_whole_gradient(x, gradx, learning_rate):
    return x - gradx


@planted("gradient_descent_update", "wrong_point")
def descend_along_x(x, gradx, learning_rate):
    return x - learning_rate * x


@planted("gradient_descent_update", "in_place")
def descend_in_place(x, gradx, learning_rate):
    x -= learning_rate * gradx
    return x


# ----- gradient_check_error -------------------------------------------------------------------
def _relative(a, n):
    return np.abs(a - n) / np.maximum(1e-8, np.abs(a) + np.abs(n))


@correct("gradient_check_error")
def gradient_check_error(backward, x, grad_output, h=1e-5):
    analytic = backward(x, stable_sigmoid(x), grad_output)
    numeric = grad_output * (stable_sigmoid(x + h) - stable_sigmoid(x - h)) / (2 * h)
    return float(np.max(_relative(analytic, numeric)))


@correct("gradient_check_error")
def gradient_check_error_with_numerical_derivative(backward, x, grad_output, h=1e-5):
    slope = central_difference(stable_sigmoid, x, h)
    analytic = backward(x, stable_sigmoid(x), grad_output)
    rel = np.abs(analytic - grad_output * slope) / np.maximum(1e-8, np.abs(analytic) + np.abs(grad_output * slope))
    return float(rel.max())


@planted("gradient_check_error", "forward_difference")
def gradient_check_error_one_sided(backward, x, grad_output, h=1e-5):
    numeric = grad_output * (stable_sigmoid(x + h) - stable_sigmoid(x)) / h
    return float(np.max(_relative(backward(x, stable_sigmoid(x), grad_output), numeric)))


@planted("gradient_check_error", "missing_factor")
def gradient_check_error_over_h(backward, x, grad_output, h=1e-5):
    numeric = grad_output * (stable_sigmoid(x + h) - stable_sigmoid(x - h)) / h
    return float(np.max(_relative(backward(x, stable_sigmoid(x), grad_output), numeric)))


@planted("gradient_check_error", "ignored_upstream")
def gradient_check_error_without_upstream(backward, x, grad_output, h=1e-5):
    numeric = (stable_sigmoid(x + h) - stable_sigmoid(x - h)) / (2 * h)
    return float(np.max(_relative(backward(x, stable_sigmoid(x), grad_output), numeric)))


@planted("gradient_check_error", "fixed_step")
def gradient_check_error_own_step(backward, x, grad_output, h=1e-5):
    step = 1e-5
    numeric = grad_output * (stable_sigmoid(x + step) - stable_sigmoid(x - step)) / (2 * step)
    return float(np.max(_relative(backward(x, stable_sigmoid(x), grad_output), numeric)))


@planted("gradient_check_error", "wrong_point")
def gradient_check_error_input_as_output(backward, x, grad_output, h=1e-5):
    numeric = grad_output * (stable_sigmoid(x + h) - stable_sigmoid(x - h)) / (2 * h)
    return float(np.max(_relative(backward(x, x, grad_output), numeric)))


@planted("gradient_check_error", "wrong_error_measure")
def gradient_check_error_mean(backward, x, grad_output, h=1e-5):
    numeric = grad_output * (stable_sigmoid(x + h) - stable_sigmoid(x - h)) / (2 * h)
    return float(np.mean(_relative(backward(x, stable_sigmoid(x), grad_output), numeric)))


@planted("gradient_check_error", "wrong_error_measure")
def gradient_check_error_relative_to_numeric(backward, x, grad_output, h=1e-5):
    numeric = grad_output * (stable_sigmoid(x + h) - stable_sigmoid(x - h)) / (2 * h)
    analytic = backward(x, stable_sigmoid(x), grad_output)
    return float(np.max(np.abs(analytic - numeric) / np.abs(numeric)))


@planted("gradient_check_error", "wrong_error_measure")
def gradient_check_error_absolute(backward, x, grad_output, h=1e-5):
    numeric = grad_output * (stable_sigmoid(x + h) - stable_sigmoid(x - h)) / (2 * h)
    return float(np.max(np.abs(backward(x, stable_sigmoid(x), grad_output) - numeric)))


@planted("gradient_check_error", "in_place")
def gradient_check_error_moving_x(backward, x, grad_output, h=1e-5):
    analytic = backward(x, stable_sigmoid(x), grad_output)
    x += h
    upper = stable_sigmoid(x)
    x -= 2 * h
    numeric = grad_output * (upper - stable_sigmoid(x)) / (2 * h)
    return float(np.max(_relative(analytic, numeric)))


# ----- members of the families the detectors name (issue 13), beyond the first planted form ---------
@planted("gradient_descent_update", "missing_factor")
def gradient_descent_update_rate_squared(x, gradx, learning_rate):
    return x - learning_rate ** 2 * gradx


@planted("gradient_check_error", "wrong_error_measure")
def gradient_check_error_without_floor(backward, x, grad_output, h=1e-5):
    numeric = grad_output * (stable_sigmoid(x + h) - stable_sigmoid(x - h)) / (2 * h)
    analytic = backward(x, stable_sigmoid(x), grad_output)
    return float(np.max(np.abs(analytic - numeric) / (np.abs(analytic) + np.abs(numeric))))


@planted("gradient_check_error", "wrong_error_measure")
def gradient_check_error_of_norms(backward, x, grad_output, h=1e-5):
    numeric = grad_output * (stable_sigmoid(x + h) - stable_sigmoid(x - h)) / (2 * h)
    analytic = backward(x, stable_sigmoid(x), grad_output)
    return float(np.linalg.norm(analytic - numeric) / max(1e-8, np.linalg.norm(analytic) + np.linalg.norm(numeric)))


@planted("gradient_check_error", "wrong_point")
def gradient_check_error_one_minus_output(backward, x, grad_output, h=1e-5):
    numeric = grad_output * (stable_sigmoid(x + h) - stable_sigmoid(x - h)) / (2 * h)
    return float(np.max(_relative(backward(x, 1 - stable_sigmoid(x), grad_output), numeric)))


@planted("gradient_descent_update", "fixed_step")
def gradient_descent_update_own_rate(x, gradx, learning_rate):
    return x - 0.01 * gradx
