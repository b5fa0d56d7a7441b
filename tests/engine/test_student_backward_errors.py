"""A student's backward that raises inside the engine (`use_student_backward`): one
`StudentBackwardError` that names the student's function and says what to do, with a
traceback that leaves the engine's frames out — as a student running notebook 06's "Try it"
cell before writing mse_backward meets it."""
import os
import traceback

import numpy as np
import pytest

import minigrad as mg
from tests.helpers.dependencies import require

ENGINE = os.path.dirname(mg.__file__)


def mse_backward(pred, target, grad_output):
    # YOUR CODE HERE
    raise NotImplementedError()


def sigmoid_backward(x, out, grad_output):
    rows = x.shape[0]
    return grad_output * out[rows] * (1 - out)          # a slip: indexes past the end


def _try_mse(fn=mse_backward):
    w = mg.Tensor(np.array([0.5, -1.0]), requires_grad=True)
    with mg.use_student_backward("mse_loss", fn):
        mg.mse_loss(mg.Tensor(np.ones((5, 2))) @ w, mg.Tensor(np.zeros(5))).backward()


def test_a_backward_not_written_yet_says_which_function_to_write():
    with pytest.raises(mg.StudentBackwardError) as failure:
        _try_mse()
    error = failure.value
    assert str(error) == ("Your function mse_backward, which the engine uses here as the backward of mse_loss, "
                          "is not written yet: it raises NotImplementedError. Write mse_backward in its cell, "
                          "run that cell, then run this one again.")
    assert isinstance(error.error, NotImplementedError) and error.function == "mse_backward" and error.op == "mse_loss"
    assert isinstance(error, mg.MinigradError)
    assert error.__cause__ is None and error.__suppress_context__          # no second traceback below it


def test_the_traceback_starts_at_tensor_backward_not_deep_in_the_engine():
    with pytest.raises(mg.StudentBackwardError) as failure:
        _try_mse()
    inside = [f for f in traceback.extract_tb(failure.value.__traceback__) if f.filename.startswith(ENGINE)]
    assert [os.path.basename(f.filename) for f in inside] == ["tensor.py"]   # not autograd.py, not swap.py


def test_any_other_error_names_the_function_the_error_and_the_line():
    x = mg.Tensor(np.array([0.0, 1.0, 2.0]), requires_grad=True)
    with mg.use_student_backward("sigmoid", sigmoid_backward), pytest.raises(mg.StudentBackwardError) as failure:
        mg.sigmoid(x).sum().backward()
    message = str(failure.value)
    assert message.startswith("Your function sigmoid_backward, which the engine uses here as the backward of "
                              "sigmoid, raised IndexError: index 3 is out of bounds")
    assert "line 24 of sigmoid_backward: return grad_output * out[rows] * (1 - out)" in message
    assert message.endswith("Fix sigmoid_backward (call it by itself on small arrays to see what goes wrong), "
                            "run its cell, then run this one again.")
    assert isinstance(failure.value.error, IndexError)


def test_input_gradients_names_the_function_too():
    x = mg.Tensor(np.array([0.0, 1.0]), requires_grad=True)
    y = mg.sigmoid(x)
    with mg.use_student_backward("sigmoid", lambda x, out, g: 1 / 0), \
            pytest.raises(mg.StudentBackwardError, match="<lambda>.*ZeroDivisionError"):
        mg.input_gradients(y, np.ones(2))


def test_the_rendered_traceback_shows_the_students_lines_only():
    with pytest.raises(mg.StudentBackwardError) as failure:
        _try_mse()
    lines = failure.value._render_traceback_()
    text = "\n".join(lines)
    assert lines[0].startswith("Traceback (your code only")
    assert lines[-1].startswith("StudentBackwardError: Your function mse_backward")
    assert "in _try_mse" in text and "in mse_backward" in text and "raise NotImplementedError()" in text
    assert ENGINE not in text and "site-packages" not in text
    assert len(lines) <= 12


def test_the_engine_keeps_working_after_a_student_backward_raised():
    with pytest.raises(mg.StudentBackwardError):
        _try_mse()
    x = mg.Tensor(np.array([1.0, 3.0]), requires_grad=True)
    mg.mse_loss(x, mg.Tensor(np.zeros(2))).backward()
    np.testing.assert_allclose(x.grad, [1.0, 3.0])


def test_in_a_kernel_the_error_is_a_few_lines_of_the_students_code():
    """Notebook 06's "Try it" cell in a release (mse_backward still a stub), run by IPython."""
    nbformat = require("nbformat")
    nbclient = require("nbclient")
    from tests.helpers import REPO

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in [
        f"import sys\nsys.path.insert(0, {str(REPO)!r})\nimport numpy as np\nimport minigrad as mg",
        "def mse_backward(pred, target, grad_output):\n    # YOUR CODE HERE\n    raise NotImplementedError()",
        "_w_try = mg.Tensor(np.array([0.5, -1.0]), requires_grad=True)\n"
        "with mg.use_student_backward('mse_loss', mse_backward):\n"
        "    mg.mse_loss(mg.Tensor(np.ones((5, 2))) @ _w_try, mg.Tensor(np.zeros(5))).backward()",
    ]]
    nbclient.NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True).execute()
    errors = [o for o in nb.cells[-1].outputs if o["output_type"] == "error"]
    assert [o["ename"] for o in errors] == ["StudentBackwardError"]
    rendered = errors[0]["traceback"]
    text = "\n".join(rendered)
    assert "Write mse_backward in its cell" in text and "raise NotImplementedError()" in text
    assert "Cell In[3], line 3, in <module>" in text and "Cell In[2], line 3, in mse_backward" in text
    assert "minigrad" + os.sep not in text and "autograd" not in text and "swap.py" not in text
    assert len(rendered) <= 8, text
