"""What the sandbox's copy of the engine leaves out while one exercise is collected.

    withheld_code(exercise)   # ((module or op name, function or Class.method), ...)

The engine's code of the op an exercise is about (its backward, or the sigmoid's forward),
and besides it every helper of the installed kit that computes the exercise's answer or
makes it a one-liner (the table in docs/architecture.md, "Reference helpers withheld").
A helper stays when the exercise's own collection needs it (its engine run, or what the
case hands the student); `library.py` replaces each withheld body by an error.
"""
from __future__ import annotations

FINITE_DIFFERENCES = (("minigrad.gradcheck", "numerical_gradient"), ("minigrad.gradcheck", "jacobian_fd"))
REVERSE_MODE = (("minigrad.gradcheck", "vjp"), ("minigrad.gradcheck", "jacobian_reverse"))
BACKPROP = (("minigrad.autograd", "run_backward"),)      # Tensor.backward runs it
ONE_NODE_STEP = (("minigrad.autograd", "input_gradients"),)

# Besides the op an exercise is about, the engine code that would answer it too.
ALSO_WITHHELD = {
    "numerical_derivative": FINITE_DIFFERENCES + REVERSE_MODE + BACKPROP,
    "gradient_descent_update": (("minigrad.widgets.descent", "_gradient_step"), ("minigrad.optim", "SGD.step")),
    "gradient_check_error": (("minigrad.gradcheck", "relative_error"),) + FINITE_DIFFERENCES,
    "hand_gradients": BACKPROP + ONE_NODE_STEP + FINITE_DIFFERENCES + REVERSE_MODE,
    "topological_sort": (("minigrad.graph_view", "graph_nodes"), ("minigrad.autograd", "topological_order")),
    "backward_pass": BACKPROP + REVERSE_MODE,
    "sigmoid": (("minigrad.ops.activations", "stable_sigmoid"),),
    "linear_backward": (("matmul", "backward"), ("add", "backward")),
    "jacobian_fd": FINITE_DIFFERENCES + REVERSE_MODE + BACKPROP,
    "jacobian_reverse": FINITE_DIFFERENCES + REVERSE_MODE,
    "mse_gradient": (("minigrad.widgets.surface", "descend"), ("mse_loss", "backward"))
                    + BACKPROP + ONE_NODE_STEP + FINITE_DIFFERENCES,
    "minibatch_indices": (("minigrad.data", "minibatch_indices"), ("minigrad.data", "_consecutive_batches")),
}


def withheld_code(exercise) -> tuple:
    """(module or op name, function or Class.method) pairs taken out while `exercise` is collected."""
    engine = getattr(exercise, "engine", None)
    pairs = []
    if getattr(engine, "op", None) is not None:   # an engine run that swaps one op for the student's
        pairs.append((engine.op, "forward" if engine.forward else "backward"))
    pairs += ALSO_WITHHELD.get(exercise.id, ())
    return tuple(pairs)
