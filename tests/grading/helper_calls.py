"""Solutions that call the kit's own helpers instead of computing the answer, for the
grading tests (tests/grading/test_reference_helpers.py).

HELPER_CALLS[exercise] = (the student function's parameters, prelude, [expressions]): each
expression alone answers the exercise with the whole engine (the test checks that it
scores there); `helper_solution` tries them in turn, so a submission scores on the
exercise as long as one of them is left in the sandbox. For `hand_gradients` (three
numbers, not a function) the expressions give the tuple (df_dx, df_dy, df_dz).
"""
from __future__ import annotations

IMPORTS = "import importlib\nimport numpy as np\nimport minigrad as mg\nfrom minigrad import functional as F\n"

HELPER_CALLS = {
    "numerical_derivative": ("f, x, h=1e-5", "", [
        "mg.gradcheck.numerical_gradient(lambda v: np.sum(f(v)), np.array(x, dtype=np.float64), h)",
        "np.diag(mg.gradcheck.jacobian_fd(f, np.array(x, dtype=np.float64).ravel(), h)).reshape(np.shape(x))",
    ]),
    "gradient_descent_update": ("x, gradx, learning_rate", (
        "def _sgd_step(x, gradx, learning_rate):\n"
        "    w = mg.Tensor(np.array(x, dtype=np.float64))\n"
        "    w.grad = np.array(gradx, dtype=np.float64)\n"
        "    mg.optim.SGD([w], lr=learning_rate).step()\n"
        "    return w.data\n"), [
        "importlib.import_module('minigrad.widgets.descent')._gradient_step(x, gradx, learning_rate)",
        "_sgd_step(x, gradx, learning_rate)",
    ]),
    "gradient_check_error": ("backward, x, grad_output, h=1e-5", (
        "def _sig(v):\n"
        "    return mg.sigmoid(mg.Tensor(v)).data\n"), [
        "float(np.max(mg.gradcheck.relative_error(backward(x, _sig(x), grad_output),"
        " grad_output * (_sig(x + h) - _sig(x - h)) / (2 * h))))",
    ]),
    "hand_gradients": ("", (
        "def _by_backward():\n"
        "    x, y, z = (mg.Tensor(v, requires_grad=True) for v in (2.0, -3.0, 4.0))\n"
        "    ((x * y + z) * x).backward()\n"
        "    return tuple(float(t.grad) for t in (x, y, z))\n"
        "def _by_one_node_steps():\n"
        "    x, y, z = (mg.Tensor(v, requires_grad=True) for v in (2.0, -3.0, 4.0))\n"
        "    q = x * y\n    r = q + z\n    f = r * x\n"
        "    dr, dx_direct = mg.input_gradients(f, 1.0)\n"
        "    dq, dz = mg.input_gradients(r, dr)\n"
        "    dx, dy = mg.input_gradients(q, dq)\n"
        "    return float(dx + dx_direct), float(dy), float(dz)\n"), [
        "_by_backward()",
        "_by_one_node_steps()",
        "tuple(float(g) for g in mg.gradcheck.numerical_gradient(lambda v: (v[0] * v[1] + v[2]) * v[0],"
        " np.array([2.0, -3.0, 4.0])))",
    ]),
    "topological_sort": ("root", "", [
        "mg.graph_view.graph_nodes(root)",
    ]),
    "backward_pass": ("root", (
        "def _by_backward(root):\n"
        "    root.backward()\n"
        "    return {t: t.grad for t in mg.graph_view.graph_nodes(root) if t.requires_grad}\n"), [
        "_by_backward(root)",
    ]),
    "jacobian_fd": ("f, x, eps=1e-6", "", [
        "mg.gradcheck.jacobian_fd(f, x, eps)",
        "np.stack([mg.gradcheck.numerical_gradient(lambda v: f(v)[i], np.array(x), eps)"
        " for i in range(len(f(np.array(x))))])",
    ]),
    "jacobian_reverse": ("f, x", "", [
        "mg.gradcheck.jacobian_reverse(f, x)",
        "np.stack([mg.gradcheck.vjp(f, x, e) for e in np.eye(f(mg.Tensor(x)).shape[0])])",
    ]),
    "mse_gradient": ("w, X_batch, y_batch", (
        "def _by_backward(w, X_batch, y_batch):\n"
        "    t = mg.Tensor(np.array(w), requires_grad=True)\n"
        "    F.mse_loss(F.matmul(X_batch, t), y_batch).backward()\n"
        "    return t.grad\n"), [
        "w - importlib.import_module('minigrad.widgets.surface').descend("
        "X_batch, y_batch, w, 1.0, [np.arange(len(X_batch))]).weights[1]",
        "_by_backward(w, X_batch, y_batch)",
    ]),
    "mse_backward": ("pred, target, grad_output", "", [
        "mg.input_gradients(F.mse_loss(mg.Tensor(pred, requires_grad=True), mg.Tensor(target)), grad_output)[0]",
    ]),
    "cross_entropy_backward": ("logits, labels, grad_output", "", [
        "mg.input_gradients(F.cross_entropy(mg.Tensor(logits, requires_grad=True), labels), grad_output)[0]",
    ]),
    "minibatch_indices": ("n, batch_size, rng", "", [
        "mg.data.minibatch_indices(n, batch_size, rng)",
        "[batch for batch, _ in mg.data.minibatches(np.arange(n), np.arange(n), batch_size, seed=rng)]",
    ]),
}


def helper_solution(exercise: str, expressions: list | None = None) -> str:
    """The solution cell of `exercise` that answers with the kit's helpers (all of its
    expressions, tried in turn, or only `expressions`)."""
    parameters, prelude, every = HELPER_CALLS[exercise]
    attempts = ", ".join(f"lambda: {e}" for e in (every if expressions is None else expressions))
    body = (f"    for attempt in ({attempts},):\n"
            "        try:\n"
            "            return attempt()\n"
            "        except NotImplementedError:\n"
            "            pass\n"
            "    raise RuntimeError('every helper was withheld')\n")
    if exercise == "hand_gradients":
        return (IMPORTS + prelude + "def _answers():\n" + body
                + "try:\n    df_dx, df_dy, df_dz = _answers()\nexcept RuntimeError:\n    pass\n")
    return IMPORTS + prelude + f"def {exercise}({parameters}):\n" + body
