"""The family detectors name a mistake only when the whole result fits it (docs/mistakes.md,
"Blind mutants", set 2): each test below tries to fool one of them with a solution that fits
the family in part, or by coincidence, and must get no such name — beside the family's own
form, which must be named in both suites."""
import warnings

import numpy as np
import pytest

import minigrad as mg
from autograder import run_check
from autograder.exercises.common import other_axis_sums
from tests.autograder.planted.graphs import order_without_memory


def names(exercise_id, fn) -> set:
    """Every mistake either suite names; the check must fail in both."""
    named = set()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for suite in ("visible", "hidden"):
            result = run_check(exercise_id, fn, suite)
            assert not result.passed, f"{suite} suite passed a wrong solution"
            named.update(case.mistake for case in result.cases if case.mistake)
            named.update([result.mistake] if result.mistake else [])
    return named


def main_names(exercise_id, fn) -> tuple:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return tuple(run_check(exercise_id, fn, suite).mistake for suite in ("visible", "hidden"))


def sum_to(g, shape):
    """g summed back to `shape` (numpy's broadcasting undone)."""
    g = np.asarray(g, dtype=float)
    while g.ndim > len(shape):
        g = g.sum(axis=0)
    for axis, n in enumerate(shape):
        if n == 1 and g.shape[axis] != 1:
            g = g.sum(axis=axis, keepdims=True)
    return g


# ----- swapped: each input gets the other input's gradient, not just one of them ---------------
def test_mul_backward_with_one_input_given_the_others_gradient_is_not_named_swapped():
    assert "swapped" not in names("mul_backward", lambda a, b, g: (g * b, g * b))
    assert "swapped" not in names("mul_backward", lambda a, b, g: (g * a, g * a))
    assert main_names("mul_backward", lambda a, b, g: (g * a, g * b)) == ("swapped", "swapped")


def test_add_backward_with_one_input_reduced_to_the_others_shape_is_not_named_swapped():
    def b_gets_as_reduction(a, b, g):
        return sum_to(g, np.shape(a)), sum_to(g, np.shape(a))
    assert "swapped" not in names("add_backward", b_gets_as_reduction)


def test_matmul_backward_with_only_one_gradient_in_the_others_place_is_not_named_swapped():
    def da_is_dbs(a, b, g):
        return a.T @ g, a.T @ g
    assert "swapped" not in names("matmul_backward", da_is_dbs)


def test_linear_backward_returning_dw_twice_is_not_named_swapped():
    def dw_twice(x, W, b, g):
        return x.T @ g, x.T @ g, g.sum(axis=0)
    assert "swapped" not in names("linear_backward", dw_twice)


# ----- ignores_rng: one permutation of range(n), cut right, only not rng's ---------------------
def test_batches_that_repeat_or_lose_samples_are_not_named_ignores_rng():
    def fresh_permutation_per_batch(n, batch_size, rng):
        return [rng.permutation(n)[i:i + batch_size] for i in range(0, n, batch_size)]

    def one_sample_twice(n, batch_size, rng):
        order = rng.permutation(n)
        if n > 1:
            order[-1] = order[0]
        return [order[i:i + batch_size] for i in range(0, n, batch_size)]
    assert "ignores_rng" not in names("minibatch_indices", fresh_permutation_per_batch)
    assert "ignores_rng" not in names("minibatch_indices", one_sample_twice)


def test_one_permutation_from_another_generator_is_named_ignores_rng():
    def own_generator(n, batch_size, rng):
        order = np.random.default_rng(12345).permutation(n)
        return [order[i:i + batch_size] for i in range(0, n, batch_size)]
    assert main_names("minibatch_indices", own_generator) == ("ignores_rng", "ignores_rng")


def test_another_generators_shuffle_that_leaves_a_few_samples_in_order_is_still_ignores_rng():
    def identity_when_small(n, batch_size, rng):
        order = np.arange(n) if n <= 5 else np.random.default_rng(12345).permutation(n)
        return [order[i:i + batch_size] for i in range(0, n, batch_size)]

    def in_order_everywhere(n, batch_size, rng):
        return [np.arange(n)[i:i + batch_size] for i in range(0, n, batch_size)]
    assert main_names("minibatch_indices", identity_when_small) == ("ignores_rng", "ignores_rng")
    assert "ignores_rng" not in names("minibatch_indices", in_order_everywhere)


# ----- an order mistake must fit every failing graph ------------------------------------------
def test_repeats_on_some_graphs_and_missing_nodes_on_others_are_not_named_repeated_nodes():
    def repeats_and_no_constants(root):
        return [t for t in order_without_memory(root) if t.requires_grad or t is root]
    assert "repeated_nodes" not in names("topological_sort", repeats_and_no_constants)


# ----- wrong_point for relu: the mask taken from another quantity at hand ----------------------
def test_relu_mask_taken_from_grad_output_is_named_wrong_point():
    assert main_names("relu_backward", lambda x, out, g: g * (g > 0)) == ("wrong_point", "wrong_point")


def test_relu_mask_from_both_x_and_grad_output_is_not_named_wrong_point():
    assert "wrong_point" not in names("relu_backward", lambda x, out, g: g * (x > 0) * (g > 0))


# ----- missing_broadcast_sum for linear's db: a sum over the wrong axes ------------------------
def test_db_summed_over_the_features_is_named_missing_broadcast_sum():
    def db_over_axis_one(x, W, b, g):
        return g @ W.T, x.T @ g, g.sum(axis=1)
    assert main_names("linear_backward", db_over_axis_one) == ("missing_broadcast_sum", "missing_broadcast_sum")


def test_db_from_the_first_two_rows_only_is_not_named_missing_broadcast_sum():
    def db_of_two_rows(x, W, b, g):
        return g @ W.T, x.T @ g, g[:2].sum(axis=0)
    assert "missing_broadcast_sum" not in names("linear_backward", db_of_two_rows)


def test_other_axis_sums_leave_out_the_right_numbers_in_any_shape():
    g = np.arange(6.0).reshape(2, 3)
    sums = other_axis_sums(g, g.sum(axis=0))
    assert not any(s.size == 3 and np.allclose(s.ravel(), g.sum(axis=0)) for s in sums)
    assert any(s.shape == (2,) and np.allclose(s, g.sum(axis=1)) for s in sums)
    assert any(s.shape == () for s in sums) and any(s.shape == g.shape for s in sums)


# ----- repeated_nodes for backward_pass: a pass over an order that lists a node more than once --
def _backward_over(order):
    def backward(root):
        grads = {root: np.ones_like(root.data)}
        for node in order(root):
            if node.parents and node in grads:
                for parent, g in zip(node.parents, mg.input_gradients(node, grads[node])):
                    if g is not None:
                        grads[parent] = grads[parent] + g if parent in grads else g
        return grads
    return backward


def test_a_pass_over_a_depth_first_order_with_repeats_is_named_repeated_nodes():
    def parents_last_first(root):
        order = []
        for parent in reversed(root.parents):
            order.extend(parents_last_first(parent))
        return order + [root]
    for order in (order_without_memory, parents_last_first):
        backward = _backward_over(lambda root, order=order: reversed(order(root)))
        assert main_names("backward_pass", backward) == ("repeated_nodes", "repeated_nodes")


def test_a_pass_that_doubles_gradients_at_fan_out_is_not_named_repeated_nodes():
    def doubled_at_fan_out(root):
        grads = _backward_over(lambda r: reversed(mg.topological_order(r)))(root)
        consumers = {}
        for node in mg.topological_order(root):
            for parent in node.parents:
                consumers[parent] = consumers.get(parent, 0) + 1
        return {t: g * 2 if consumers.get(t, 0) > 1 else g for t, g in grads.items()}
    assert "repeated_nodes" not in names("backward_pass", doubled_at_fan_out)


@pytest.mark.parametrize("exercise_id", ["mul_backward", "add_backward", "matmul_backward", "linear_backward"])
def test_the_swapped_detectors_are_joint(exercise_id):
    from autograder.exercises import EXERCISES
    swapped = [d for d in EXERCISES[exercise_id].detectors if d.mistake == "swapped"]
    assert swapped and all(d.joint for d in swapped)


# ----- a Variant is contradicted by a case the student got right that the mistake would change --
def test_a_slope_truncated_to_an_integer_is_not_named_fixed_step():
    def result_buffer_like_x(f, x, h=1e-5):
        result = np.zeros_like(x)   # integers for an integer x: the slope 3.01 becomes 3
        result[...] = (f(x + h) - f(x - h)) / (2 * h)
        return result

    def own_step(f, x, h=1e-5):
        return (f(x + 1e-5) - f(x - 1e-5)) / 2e-5
    assert "fixed_step" not in names("numerical_derivative", result_buffer_like_x)
    assert main_names("numerical_derivative", own_step) == ("fixed_step", "fixed_step")


def test_a_mistake_that_shows_on_some_cases_only_is_not_named_by_the_cases_it_fits():
    def own_step_for_numbers_only(f, x, h=1e-5):
        step = 1e-5 if np.ndim(x) == 0 else h
        return (f(x + step) - f(x - step)) / (2 * step)
    assert "fixed_step" not in names("numerical_derivative", own_step_for_numbers_only)


# ----- missing_factor: a quantity of the exercise missing or extra once, squared only by a slip ----
def test_dividing_by_the_learning_rate_is_not_named_missing_factor():
    def divides_by_rate(x, gradx, learning_rate):
        return x - gradx / learning_rate

    def rate_twice(x, gradx, learning_rate):
        return x - learning_rate * learning_rate * gradx
    assert "missing_factor" not in names("gradient_descent_update", divides_by_rate)
    assert main_names("gradient_descent_update", rate_twice) == ("missing_factor", "missing_factor")


def test_the_precedence_slip_over_2h_is_still_named_missing_factor():
    def over_two_times_h(f, x, h=1e-5):
        return (f(x + h) - f(x - h)) / 2 * h
    assert main_names("numerical_derivative", over_two_times_h) == ("missing_factor", "missing_factor")


# ----- an einsum that pairs an index with axes of other sizes is a product whose shapes do not fit --
def test_einsum_with_the_indices_of_b_in_the_wrong_order_is_named_transposed():
    def einsum_wrong_indices(a, b, grad_output):
        return np.einsum("nm,mk->nk", grad_output, b), np.einsum("nk,nm->km", a, grad_output)
    assert main_names("matmul_backward", einsum_wrong_indices) == ("transposed", "transposed")


def test_an_elementwise_product_of_shapes_that_do_not_broadcast_is_still_wrong_product():
    def elementwise(a, b, grad_output):
        return grad_output * b, a * grad_output
    assert main_names("matmul_backward", elementwise) == ("wrong_product", "wrong_product")


# ----- ignores_rng: rng's own batches, reordered, come from rng ---------------------------------
def test_rngs_batches_each_sorted_are_not_named_ignores_rng():
    def sorted_batches(n, batch_size, rng):
        order = rng.permutation(n)
        return [np.sort(order[i:i + batch_size]) for i in range(0, n, batch_size)]

    def batches_in_reverse_order(n, batch_size, rng):
        order = rng.permutation(n)
        return [order[i:i + batch_size] for i in range(0, n, batch_size)][::-1]
    assert "ignores_rng" not in names("minibatch_indices", sorted_batches)
    assert "ignores_rng" not in names("minibatch_indices", batches_in_reverse_order)


# ----- ignored_upstream: the probe scales the upstream gradient by −5, sign and size -------------
def test_a_result_that_reads_only_the_sign_of_grad_output_is_not_named_ignored_upstream():
    def precedence_slip(x, out, grad_output):
        return grad_output * x > 0   # a boolean: the sign of G·x, unchanged by G × 5

    def sign_of_grad_output(x, out, grad_output):
        return np.sign(grad_output) * (x > 0)
    assert "ignored_upstream" not in names("relu_backward", precedence_slip)
    assert "ignored_upstream" not in names("relu_backward", sign_of_grad_output)
    assert main_names("relu_backward", lambda x, out, g: (x > 0).astype(float)) == \
        ("ignored_upstream", "ignored_upstream")


# ----- drops_last: rng's batches with the last one missing, however big it is --------------------
def test_a_loop_that_stops_one_batch_early_is_named_drops_last():
    def stops_early(n, batch_size, rng):
        order = rng.permutation(n)
        return [order[i:i + batch_size] for i in range(0, n - batch_size, batch_size)]
    assert main_names("minibatch_indices", stops_early) == ("drops_last", "drops_last")


def test_losing_another_batch_than_the_last_is_not_named_drops_last():
    def drops_first(n, batch_size, rng):
        order = rng.permutation(n)
        return [order[i:i + batch_size] for i in range(0, n, batch_size)][1:]

    def first_batch_only(n, batch_size, rng):
        return [rng.permutation(n)[:batch_size]]
    assert "drops_last" not in names("minibatch_indices", drops_first)
    assert "drops_last" not in names("minibatch_indices", first_batch_only)


# ----- missing_broadcast_sum for add_backward: one row's share instead of the sum ----------------
def _first_row(g, shape):
    g = np.asarray(g)
    while g.ndim > len(shape):
        g = g[0]
    for axis, n in enumerate(shape):
        if n == 1 and g.shape[axis] != 1:
            g = np.take(g, [0], axis=axis)
    return g


def test_the_first_rows_gradient_for_a_broadcast_input_is_named_missing_broadcast_sum():
    def first_row(a, b, g):
        return _first_row(g, np.shape(a)), _first_row(g, np.shape(b))
    assert main_names("add_backward", first_row) == ("missing_broadcast_sum", "missing_broadcast_sum")


def test_one_rows_gradient_times_the_number_of_rows_is_not_named_missing_broadcast_sum():
    def first_row_scaled(a, b, g):
        return tuple(_first_row(g, np.shape(x)) * (np.size(g) / max(1, np.size(x))) for x in (a, b))
    assert "missing_broadcast_sum" not in names("add_backward", first_row_scaled)


# ----- the answers that are values: a factor with its sign flipped, two answers exchanged ---------
def test_only_df_dy_given_df_dzs_value_is_not_named_swapped():
    assert "swapped" not in names("hand_gradients", lambda: (-8.0, 2.0, 2.0))
    assert main_names("hand_gradients", lambda: (-8.0, 2.0, 4.0)) == ("swapped", "swapped")


def test_a_step_factor_negated_on_some_rates_only_is_not_named_sign_error():
    def negated_above_one(learning_rate):
        return 1 - 2 * learning_rate if learning_rate < 1 else 2 * learning_rate - 1
    assert "sign_error" not in names("parabola_rates", lambda: (negated_above_one, 0.5, 1.0))


# ----- set 4: hand_gradients, any two answers exchanged; a local derivative without df/dq -------
def test_any_two_hand_gradients_exchanged_are_named_swapped_but_not_one_copied():
    assert main_names("hand_gradients", lambda: (4.0, -8.0, 2.0)) == ("swapped", "swapped")
    assert main_names("hand_gradients", lambda: (2.0, 4.0, -8.0)) == ("swapped", "swapped")
    assert "swapped" not in names("hand_gradients", lambda: (4.0, 4.0, 2.0))
    assert "swapped" not in names("hand_gradients", lambda: (-8.0, -8.0, 2.0))


def test_df_dy_as_dq_dy_alone_is_named_ignored_upstream_but_not_another_wrong_value():
    assert main_names("hand_gradients", lambda: (-8.0, 2.0, 2.0)) == ("ignored_upstream", "ignored_upstream")
    assert "ignored_upstream" not in names("hand_gradients", lambda: (-8.0, 3.0, 2.0))


# ----- set 4: wrong_eigenvalue, eigvals(H)[-1] may be an eigenvalue that is 0 up to rounding ------
def _eigenvalues(X):
    return np.linalg.eigvalsh(2.0 / len(X) * X.T @ X)


def test_the_unsorted_last_eigenvalue_is_named_wrong_eigenvalue():
    def last_of_eigvals(X):
        return float(2.0 / np.real(np.linalg.eigvals(2.0 / len(X) * X.T @ X))[-1])
    assert main_names("largest_stable_learning_rate", last_of_eigvals) == ("wrong_eigenvalue", "wrong_eigenvalue")


def test_an_infinite_rate_on_rank_deficient_data_alone_is_not_named_wrong_eigenvalue():
    def infinite_when_singular(X):
        lam = _eigenvalues(X)
        return float("inf") if lam[0] < 1e-10 * lam[-1] else 2.0 / lam[-1]
    assert "wrong_eigenvalue" not in names("largest_stable_learning_rate", infinite_when_singular)


def test_a_large_rate_below_the_rounding_bound_is_no_zero_eigenvalue():
    def second_or_large(X):
        lam = _eigenvalues(X)
        return 2e6 / lam[-1] if lam[0] < 1e-10 * lam[-1] else 2.0 / lam[max(len(lam) - 2, 0)]
    assert "wrong_eigenvalue" not in names("largest_stable_learning_rate", second_or_large)


# ----- set 4: jacobian_reverse with its rows in reverse order ----------------------------------------
def _reverse_jacobian(f, x):
    leaf = mg.Tensor(x, requires_grad=True)
    y = f(leaf)
    rows = []
    for unit in np.eye(y.shape[0]):
        leaf.grad = None
        y.backward(unit)
        rows.append(leaf.grad.copy())
    return np.stack(rows)


def test_rows_in_reverse_order_are_named_wrong_order():
    assert main_names("jacobian_reverse", lambda f, x: _reverse_jacobian(f, x)[::-1]) == ("wrong_order", "wrong_order")


def test_rows_reversed_on_some_jacobians_only_are_not_named_wrong_order():
    def reversed_when_square(f, x):
        J = _reverse_jacobian(f, x)
        return J[::-1] if J.shape[0] == J.shape[1] else J.T if J.shape[0] > 1 else J * 2
    assert "wrong_order" not in names("jacobian_reverse", reversed_when_square)


# ----- set 4: backward_pass on a graph whose tensors hold .grad from an earlier pass -------------------
def _dict_pass(root, start):
    """Backprop into a dict of its own; start(t): what a tensor's entry begins with (None: nothing)."""
    order = mg.topological_order(root)[::-1] if root.parents else [root]
    grads = {t: start(t) for t in order if start(t) is not None}
    grads[root] = grads.get(root, 0) + np.ones_like(root.data)
    for node in order:
        for parent, g in zip(node.parents, mg.input_gradients(node, grads[node]) if node.parents else ()):
            if g is not None:
                grads[parent] = grads.get(parent, 0) + g
    return grads


def test_a_pass_that_adds_into_grad_is_named_stale_gradient():
    def by_the_engine(root):
        root.backward(np.ones_like(root.data))
        return {t: t.grad for t in mg.topological_order(root)}
    assert main_names("backward_pass", by_the_engine) == ("stale_gradient", "stale_gradient")


def test_left_over_grad_sent_on_through_the_graph_is_named_stale_gradient():
    # starts each tensor from its .grad and passes that on: the inner nodes' left-overs reach the parents
    # too (set 6: modelled beside root.backward(), which adds only at the end)
    assert main_names("backward_pass", lambda root: _dict_pass(root, lambda t: t.grad)) == \
        ("stale_gradient", "stale_gradient")


def test_other_left_overs_sent_on_are_not_named_stale_gradient():
    # twice the left-overs, or the left-overs of the inner nodes only: neither pass an earlier one explains
    assert "stale_gradient" not in names("backward_pass", lambda root: _dict_pass(
        root, lambda t: None if t.grad is None else 2 * t.grad))
    assert "stale_gradient" not in names("backward_pass", lambda root: _dict_pass(
        root, lambda t: None if t.grad is None or not t.parents else t.grad))


# ----- set 4: backward_pass recursing once per path, sending each node's running total on -------------
def _push_pass(total_to_parent):
    """Recursion from the root, once per path; total_to_parent(k): whether parent k gets the local step
    of the node's running total (else of the gradient that just arrived)."""
    def backward(root):
        grads = {}

        def push(node, g):
            grads[node] = grads[node] + g if node in grads else g
            if node.parents:
                totals = mg.input_gradients(node, grads[node])
                arrived = mg.input_gradients(node, g)
                for k, parent in enumerate(node.parents):
                    gp = totals[k] if total_to_parent(k) else arrived[k]
                    if gp is not None:
                        push(parent, gp)

        push(root, np.ones_like(root.data))
        return grads
    return backward


def test_a_recursion_sending_running_totals_is_named_repeated_nodes():
    assert main_names("backward_pass", _push_pass(lambda k: True)) == ("repeated_nodes", "repeated_nodes")


def test_running_totals_sent_to_the_first_parent_only_are_not_named_repeated_nodes():
    assert "repeated_nodes" not in names("backward_pass", _push_pass(lambda k: k == 0))


# ----- set 4: a transposed product whose shape was mended with reshape -----------------------------------
def test_a_transposed_product_reshaped_to_the_right_shape_is_named_transposed():
    def reshaped(a, b, g):
        return (b @ g.T).reshape(a.shape), a.T @ g
    assert main_names("matmul_backward", reshaped) == ("transposed", "transposed")


def test_other_numbers_reshaped_to_the_right_shape_are_not_named_transposed():
    def reversed_then_reshaped(a, b, g):
        return (g @ b.T).ravel()[::-1].reshape(a.shape), a.T @ g
    assert "transposed" not in names("matmul_backward", reversed_then_reshaped)


# ----- set 5: a constant factor is contradicted by a case it would change that came out right ---------
def test_a_learning_rate_capped_at_a_number_of_its_own_is_named_fixed_step():
    def capped(x, g, lr):
        return np.asarray(x) - min(lr, 0.5) * np.asarray(g)
    assert main_names("gradient_descent_update", capped) == ("fixed_step", "fixed_step")


def test_a_step_scaled_only_on_some_rates_is_named_no_factor():
    def quartered_above(x, g, lr):   # ×¼ on the rates above 0.05, right on the others: no one factor
        return np.asarray(x) - (lr / 4 if lr > 0.05 else lr) * np.asarray(g)
    assert not names("gradient_descent_update", quartered_above) & {"missing_factor", "fixed_step"}


# ----- set 5: new forms of families; each is contradicted by a case it would change that came out right
def test_a_difference_centred_at_x_plus_h_is_named_forward_difference():
    def around_x_plus_h(f, x, h=1e-5):
        return (f(x + 2 * h) - f(x)) / (2 * h)
    assert main_names("numerical_derivative", around_x_plus_h) == ("forward_difference", "forward_difference")


def test_a_difference_centred_at_x_plus_h_for_numbers_only_is_not_named():
    def around_x_plus_h_for_numbers(f, x, h=1e-5):
        shift = h if np.ndim(x) == 0 else 0.0
        return (f(x + shift + h) - f(x + shift - h)) / (2 * h)
    assert "forward_difference" not in names("numerical_derivative", around_x_plus_h_for_numbers)


def test_a_step_along_x_is_named_wrong_point_and_a_zero_gradient_replaced_by_x_is_not():
    def along_x(x, g, lr):
        return np.asarray(x) - lr * np.asarray(x)

    def along_x_where_the_gradient_is_zero(x, g, lr):   # right wherever the gradient is not 0
        g = np.asarray(g)
        return np.asarray(x) - lr * (g if np.any(g) else np.asarray(x))
    assert main_names("gradient_descent_update", along_x) == ("wrong_point", "wrong_point")
    assert "wrong_point" not in names("gradient_descent_update", along_x_where_the_gradient_is_zero)


def test_mse_without_the_target_is_named_missing_onehot_but_not_where_only_some_shapes_forget_it():
    def without_target(pred, target, g):
        return g * 2 * pred / pred.size

    def without_target_for_matrices(pred, target, g):
        return g * 2 * (pred - (target if pred.ndim < 2 else 0)) / pred.size
    assert main_names("mse_backward", without_target) == ("missing_onehot", "missing_onehot")
    assert "missing_onehot" not in names("mse_backward", without_target_for_matrices)


def test_mse_divided_by_the_last_axis_is_named_missing_factor_but_not_where_only_3d_inputs_do():
    def last_axis(pred, target, g):
        return g * 2 * (pred - target) / pred.shape[-1]

    def last_axis_for_3d(pred, target, g):
        return g * 2 * (pred - target) / (pred.shape[-1] if pred.ndim == 3 else pred.size)
    assert main_names("mse_backward", last_axis) == ("missing_factor", "missing_factor")
    assert "missing_factor" not in names("mse_backward", last_axis_for_3d)


def test_mse_gradient_without_the_target_is_named_missing_onehot_but_not_on_w_0_alone():
    def without_target(w, X, y):
        return 2 / len(y) * X.T @ (X @ w)

    def zero_at_w_0(w, X, y):   # the right gradient, except 0 where w = 0 (what forgetting y gives there)
        return np.zeros_like(w) if not np.any(w) else 2 / len(y) * X.T @ (X @ w - y)
    assert main_names("mse_gradient", without_target) == ("missing_onehot", "missing_onehot")
    assert "missing_onehot" not in names("mse_gradient", zero_at_w_0)


def test_linear_bias_gradient_as_one_row_is_named_but_not_where_only_the_largest_batch_does_it():
    def first_row(x, W, b, g):
        return g @ W.T, x.T @ g, g[0]

    def first_row_of_large_batches(x, W, b, g):
        return g @ W.T, x.T @ g, g[0] if len(g) > 4 else g.sum(axis=0)
    assert main_names("linear_backward", first_row) == ("missing_broadcast_sum", "missing_broadcast_sum")
    assert "missing_broadcast_sum" not in names("linear_backward", first_row_of_large_batches)


# ----- set 5: input classes both suites now hold ---------------------------------------------------------
def _topological(root):
    order, seen = [], set()

    def visit(node):
        if node not in seen:
            seen.add(node)
            for parent in node.parents:
                visit(parent)
            order.append(node)
    visit(root)
    return order


def test_a_backward_pass_that_skips_zero_gradients_fails_both_suites_unnamed():
    """Behind a dead relu a node's gradient is exactly 0; skipping it leaves what lies behind it
    without an entry. No catalogue name says that, so none is given (not stale_gradient, not
    repeated_nodes)."""
    def skips_zero(root):
        grads = {root: np.ones_like(root.data)}
        for node in reversed(_topological(root)):
            g = grads.get(node)
            if g is None or not node.parents or not np.any(g):
                continue
            for parent, gp in zip(node.parents, mg.input_gradients(node, g)):
                if gp is not None:
                    grads[parent] = grads[parent] + gp if parent in grads else gp
        return grads
    assert not names("backward_pass", skips_zero)


def test_a_jacobian_that_keeps_views_of_x_fails_both_suites_and_is_not_named_in_place():
    """f may return a view of x (x[:m], the identity); keeping it while x is perturbed in place
    changes what was kept. The inputs are put back, so nothing names in_place."""
    def keeps_views(f, x, eps=1e-6):
        columns = []
        for j in range(x.size):
            x[j] += eps
            plus = f(x)
            x[j] -= 2 * eps
            minus = f(x)
            x[j] += eps
            columns.append((np.asarray(plus, dtype=float) - np.asarray(minus, dtype=float)) / (2 * eps))
        return np.stack(columns, axis=1)
    assert "in_place" not in names("jacobian_fd", keeps_views)


# ----- set 5: the engine's own op called inside the exercise recurses in the engine run ----------------
ENGINE_RECURSION = "takes the place of the engine's own code for add_backward"


def test_an_exercise_calling_the_engines_own_op_is_told_why_it_recurses():
    def by_the_engine(a, b, g):
        ta, tb = mg.Tensor(a, requires_grad=True), mg.Tensor(b, requires_grad=True)
        (ta + tb).backward(grad=np.array(g))
        return ta.grad.copy(), tb.grad.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        message = " ".join(run_check("add_backward", by_the_engine, "visible").message.split())
    assert ENGINE_RECURSION in message


def test_a_function_that_recurses_by_itself_keeps_the_plain_message():
    def endless(a, b, g):
        return endless(a, b, g)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        message = " ".join(run_check("add_backward", endless, "visible").message.split())
    assert "RecursionError" in message and ENGINE_RECURSION not in message


# ----- set 6: unstable only where the result is right wherever nothing overflows -----------------------
def _softmax_shifted(logits, shift):
    e = np.exp(logits - shift)
    return e / e.sum(axis=1, keepdims=True)


def _ce_from(probabilities):
    def backward(logits, labels, grad_output):
        p = probabilities(logits)
        p[np.arange(len(labels)), labels] -= 1
        return grad_output * p / len(labels)
    return backward


def test_an_unshifted_softmax_is_named_unstable():
    with np.errstate(all="ignore"):
        assert main_names("cross_entropy_backward", _ce_from(lambda z: _softmax_shifted(z, 0.0))) == \
            ("unstable", "unstable")


def test_a_max_over_the_wrong_axis_is_not_named_unstable():
    # each column's max: wrong on every batch of several rows, small logits too; NaN on the huge ones
    # is this mistake's, not an overflow
    column_max = _ce_from(lambda z: _softmax_shifted(z, z.max(axis=0, keepdims=True)))
    assert "unstable" not in names("cross_entropy_backward", column_max)


def test_an_unshifted_softmax_with_another_mistake_is_not_named_unstable():
    # right on no batch of several rows, NaN on the huge logits: two mistakes, "unstable" alone would mislead
    def unshifted_rows_swapped(logits, labels, grad_output):
        return _ce_from(lambda z: _softmax_shifted(z, 0.0))(logits, labels, grad_output)[::-1]
    with np.errstate(all="ignore"):
        assert "unstable" not in names("cross_entropy_backward", unshifted_rows_swapped)


# ----- set 6: hand_gradients with the two gradients of q = x*y swapped ---------------------------------
def test_the_product_rule_swapped_in_q_is_named_swapped():
    assert main_names("hand_gradients", lambda: (2.0, -6.0, 2.0)) == ("swapped", "swapped")


def test_one_half_of_the_product_rule_swapped_is_not_named_swapped():
    # df/dy = -6 alone (df/dx right), or df/dx = 2 alone: one input given the other's share, not a swap
    assert "swapped" not in names("hand_gradients", lambda: (-8.0, -6.0, 2.0))
    assert "swapped" not in names("hand_gradients", lambda: (2.0, 4.0, 2.0))


# ----- set 6: mul_backward with matrix products written with np.dot (beyond two axes it is not @) -----
def test_matrix_products_with_np_dot_are_named_wrong_product_in_both_suites():
    def with_dot(a, b, g):
        return np.dot(g, b.T), np.dot(a.T, g)
    assert main_names("mul_backward", with_dot) == ("wrong_product", "wrong_product")


def test_matrix_products_on_some_shapes_only_are_not_named_wrong_product():
    def dot_for_vectors(a, b, g):
        return (np.dot(g, b.T), np.dot(a.T, g)) if np.ndim(a) <= 1 else (g * b, g * a)
    assert "wrong_product" not in names("mul_backward", dot_for_vectors)


# ----- set 6: loglog_slope with the covariance and the variance divided by different counts ------------
def _log_moments(sizes, times):
    return np.log(np.asarray(sizes, dtype=float)), np.log(np.asarray(times, dtype=float))


def test_np_cov_over_np_var_is_named_missing_factor():
    def cov_over_var(sizes, times):
        s, t = _log_moments(sizes, times)
        return float(np.cov(s, t)[0, 1] / np.var(s))

    def var_over_biased_cov(sizes, times):
        s, t = _log_moments(sizes, times)
        return float(np.cov(s, t, bias=True)[0, 1] / np.var(s, ddof=1))
    assert main_names("loglog_slope", cov_over_var) == ("missing_factor", "missing_factor")
    assert main_names("loglog_slope", var_over_biased_cov) == ("missing_factor", "missing_factor")


def test_the_count_mixed_on_long_measurements_only_is_not_named_missing_factor():
    def mixed_from_five(sizes, times):
        s, t = _log_moments(sizes, times)
        return float(np.cov(s, t, bias=len(s) < 5)[0, 1] / np.var(s))
    assert "missing_factor" not in names("loglog_slope", mixed_from_five)


# ----- set 6: mse_gradient with a factor |B| slipped into one term of the residual --------------------
def test_the_target_term_divided_by_the_batch_size_twice_is_named_missing_factor():
    def y_scaled_twice(w, X, y):
        return 2 / len(y) * (X.T @ X @ w - X.T @ y / len(y))
    assert main_names("mse_gradient", y_scaled_twice) == ("missing_factor", "missing_factor")


def test_one_term_scaled_on_large_batches_only_or_with_another_slip_is_not_named_missing_factor():
    def y_scaled_twice_from_ten_rows(w, X, y):
        n = len(y)
        return 2 / n * (X.T @ X @ w - X.T @ y / (n if n >= 10 else 1))

    def y_scaled_twice_and_halved(w, X, y):
        return 1 / len(y) * (X.T @ X @ w - X.T @ y / len(y))
    assert "missing_factor" not in names("mse_gradient", y_scaled_twice_from_ten_rows)
    assert "missing_factor" not in names("mse_gradient", y_scaled_twice_and_halved)


# ----- set 7: a pass that leaves out the nodes whose gradient is 0 ------------------------------------
def _skipping_zeros(root):
    """Right, except that a node whose gradient is all zero gets no entry (nor sends anything on)."""
    grads = {root: np.ones_like(root.data)}
    for node in reversed(mg.topological_order(root)):
        if node.parents and node in grads and np.any(grads[node]):
            for parent, g in zip(node.parents, mg.input_gradients(node, grads[node])):
                if g is not None and np.any(g):
                    grads[parent] = grads[parent] + g if parent in grads else g
    return grads


def test_a_pass_that_skips_zero_gradients_is_not_named_wrong_order():
    """On the dead relu it gives what the leaves-first order gives (the root, the relu and y only), but
    it gets every other graph right, where that order would not: no order is wrong."""
    assert "wrong_order" not in names("backward_pass", _skipping_zeros)


def test_the_leaves_first_order_is_still_named_wrong_order():
    assert main_names("backward_pass", _backward_over(mg.topological_order)) == ("wrong_order", "wrong_order")


def test_the_leaves_first_order_on_some_graphs_only_is_not_named_wrong_order():
    """Leaves first on the graphs with a relu (where it fits the failing case), right on the others."""
    def leaves_first_with_a_relu(root):
        order = mg.topological_order(root)
        has_relu = any(getattr(node, "op", None) == "relu" for node in order)
        return _backward_over(lambda r: order if has_relu else reversed(order))(root)
    assert "wrong_order" not in names("backward_pass", leaves_first_with_a_relu)


def test_the_leaves_first_order_with_zeros_for_the_nodes_it_misses_is_not_named_wrong_order():
    """The same numbers where that order gives some, but an entry where it gives none: not its result."""
    def leaves_first_filled(root):
        grads = _backward_over(mg.topological_order)(root)
        for node in mg.topological_order(root):
            if node.requires_grad and node not in grads:
                grads[node] = np.zeros_like(node.data)
        return grads
    assert "wrong_order" not in names("backward_pass", leaves_first_filled)


# ----- set 7: gradient_descent_update with the step divided by the number of entries of x -------------
def test_the_step_divided_by_the_number_of_entries_is_named_missing_factor():
    def per_entry_mean(x, gradx, learning_rate):
        return x - learning_rate * gradx / np.size(x)
    assert main_names("gradient_descent_update", per_entry_mean) == ("missing_factor", "missing_factor")


def test_the_step_divided_by_the_entries_on_long_x_only_or_uphill_is_not_named_missing_factor():
    def divided_from_five_entries(x, gradx, learning_rate):
        return x - learning_rate * gradx / (np.size(x) if np.size(x) >= 5 else 1)

    def divided_and_uphill(x, gradx, learning_rate):
        return x + learning_rate * gradx / np.size(x)
    assert "missing_factor" not in names("gradient_descent_update", divided_from_five_entries)
    assert "missing_factor" not in names("gradient_descent_update", divided_and_uphill)
