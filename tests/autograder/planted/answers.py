"""Students' answers that are values — `parabola_rates` (notebook 1) and `hand_gradients`
(notebook 2): correct ones and planted mistakes (see `registry`). Each function stands for
a test cell's lambda over the student's names, e.g. `lambda: (df_dx, df_dy, df_dz)`."""
from __future__ import annotations

from .registry import correct, planted


# ----- parabola_rates: lambda: (step_factor, one_step_rate, first_unstable_rate) ---------------
def step_factor(learning_rate):
    return 1 - 2 * learning_rate


@correct("parabola_rates")
def parabola_rates():
    return step_factor, 0.5, 1.0


@correct("parabola_rates")
def parabola_rates_written_out():
    def step_factor(learning_rate):
        x = 3.0
        return (x - learning_rate * 2 * x) / x     # one step from x = 3, divided by 3
    return step_factor, 1 / 2, 1                   # an int is a number too


@planted("parabola_rates", "missing_factor")
def parabola_rates_slope_x():
    """Descent with the slope x instead of 2x: every answer off by the factor 2."""
    return (lambda learning_rate: 1 - learning_rate), 1.0, 2.0


@planted("parabola_rates", "sign_error")
def parabola_rates_uphill():
    return (lambda learning_rate: 1 + 2 * learning_rate), 0.5, 1.0


@planted("parabola_rates", "sign_error")
def parabola_rates_subtraction_turned_round():
    """x_new = η·f'(x) − x: the step factor 2η − 1, minus the right one."""
    return (lambda learning_rate: 2 * learning_rate - 1), 0.5, 1.0


# ----- hand_gradients: lambda: (df_dx, df_dy, df_dz) for f = (x*y + z)*x at (2, -3, 4) ----------
@correct("hand_gradients")
def hand_gradients():
    return -8.0, 4.0, 2.0


@correct("hand_gradients")
def hand_gradients_as_ints():
    return -8, 4, 2


@planted("hand_gradients", "overwrite_fanout")
def hand_gradients_direct_path_only():
    return -2.0, 4.0, 2.0        # df/dx = r, the direct path alone


@planted("hand_gradients", "overwrite_fanout")
def hand_gradients_path_through_q_only():
    return -6.0, 4.0, 2.0        # df/dq * y, the path through q alone


@planted("hand_gradients", "ignored_upstream")
def hand_gradients_local_dz():
    return -8.0, 4.0, 1.0        # dr/dz without df/dr


@planted("hand_gradients", "swapped")
def hand_gradients_y_and_z_exchanged():
    return -8.0, 2.0, 4.0        # df/dy = x·x and df/dz = x, each in the other's place


@planted("hand_gradients", "sign_error")
def hand_gradients_negated():
    return 8.0, -4.0, -2.0
