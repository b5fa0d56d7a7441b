"""`minigrad.guarded`: a student's function called from a notebook (outside the checks) cannot
hang, flood or break it, and whatever goes wrong is one sentence that names the function."""
import signal

import numpy as np
import pytest

import minigrad as mg
from autograder import run_check
from minigrad import guard


@pytest.fixture
def one_cell(monkeypatch):
    """Every call below runs 'in the same notebook cell' (outside IPython each call has its own room)."""
    cells = iter(range(1_000_000))
    current = {"cell": next(cells)}
    monkeypatch.setattr(guard, "_cell", lambda: current["cell"])
    return lambda: current.update(cell=next(cells))     # call it to move on to the next cell


def test_a_right_function_is_unchanged():
    @mg.guarded
    def mul_backward(a, b, grad_output):
        """The docstring stays."""
        return grad_output * b, grad_output * a

    assert mul_backward(2.0, 3.0, 1.0) == (3.0, 2.0)
    assert mul_backward.__name__ == "mul_backward" and mul_backward.__doc__ == "The docstring stays."
    assert mg.guarded(mul_backward) is mul_backward


def test_an_endless_loop_is_stopped_after_the_time_limit_and_the_alarm_is_restored():
    before = signal.getsignal(signal.SIGALRM)

    @mg.guarded(time_limit=0.2)
    def numerical_derivative(f, x, h=1e-5):
        while True:
            pass

    with pytest.raises(mg.StudentCodeError) as failure:
        numerical_derivative(np.sin, 1.0)
    assert str(failure.value) == ("Your function numerical_derivative did not return within 0.2 s (an endless "
                                  "loop?) and was stopped. Fix numerical_derivative, run its cell, then run this "
                                  "one again.")
    assert failure.value.timed_out and failure.value.error is None
    assert signal.getsignal(signal.SIGALRM) is before and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_not_written_yet_says_what_to_write():
    @mg.guarded
    def sigmoid(x):
        raise NotImplementedError()

    with pytest.raises(mg.StudentCodeError) as failure:
        sigmoid(np.zeros(3))
    assert failure.value.not_written
    assert str(failure.value) == ("Your function sigmoid is not written yet: it raises NotImplementedError. "
                                  "Write sigmoid in its cell, run that cell, then run this one again.")


def test_an_error_names_the_function_and_the_line_and_renders_only_the_student_s_frames():
    @mg.guarded
    def relu_backward(x, out, grad_output):
        return grad_output * x[10]

    with pytest.raises(mg.StudentCodeError) as failure:
        relu_backward(np.zeros(3), np.zeros(3), np.ones(3))
    line = relu_backward.__wrapped__.__code__.co_firstlineno + 2
    assert str(failure.value).startswith(f"Your function relu_backward raised IndexError: index 10 is out of bounds "
                                         f"for axis 0 with size 3 (line {line} of relu_backward: return grad_output")
    assert isinstance(failure.value.error, IndexError)
    rendered = "\n".join(failure.value._render_traceback_())
    assert "return grad_output * x[10]" in rendered and "minigrad/" not in rendered


def test_none_and_exit_are_named():
    @mg.guarded
    def mse_gradient(w, X_batch, y_batch):
        2 * X_batch.T @ (X_batch @ w - y_batch)      # the return is missing

    @mg.guarded
    def leaves(x):
        raise SystemExit(3)

    with pytest.raises(mg.StudentCodeError, match=r"mse_gradient returned None\. Make mse_gradient return its result"):
        mse_gradient(np.zeros(2), np.ones((3, 2)), np.ones(3))
    with pytest.raises(mg.StudentCodeError, match=r"Your function leaves called exit\(3\)\."):
        leaves(1)


def test_a_cell_shows_a_bounded_part_of_what_the_student_prints(capsys, one_cell):
    @mg.guarded
    def chatty(x):
        print("x" * 1_000_000)
        return x + 1

    assert [chatty(i) for i in range(50)] == list(range(1, 51))
    printed = capsys.readouterr().out
    assert printed.count("x") == guard.SHOWN_PER_CELL
    assert printed.count("printed more than this cell shows") == 1
    one_cell()                                    # the next cell has room again
    chatty(0)
    assert capsys.readouterr().out.count("x") == guard.SHOWN_PER_CELL


def test_printed_text_of_a_failing_call_is_shown_too(capsys, one_cell):
    @mg.guarded
    def noisy(x):
        print("looking at", x)
        raise ValueError("no")

    with pytest.raises(mg.StudentCodeError):
        noisy(7)
    assert capsys.readouterr().out == "looking at 7\n"


def test_a_guarded_function_inside_the_engine_names_itself():
    @mg.guarded
    def tanh_backward(x, out, grad_output):
        raise RuntimeError("slip")

    x = mg.Tensor(np.array([0.0, 1.0]), requires_grad=True)
    with mg.use_student_backward("tanh", tanh_backward), pytest.raises(mg.StudentCodeError) as failure:
        mg.tanh(x).sum().backward()
    assert str(failure.value).startswith("Your function tanh_backward raised RuntimeError: slip")


def test_inside_a_check_a_guarded_function_runs_plainly_and_is_judged_as_written():
    @mg.guarded
    def sigmoid_backward(x, out, grad_output):
        return out * (1 - out)                      # ignores the upstream gradient

    @mg.guarded
    def endless(x, out, grad_output):
        while True:
            pass

    assert run_check("sigmoid_backward", sigmoid_backward).mistake == "ignored_upstream"
    result = run_check("sigmoid_backward", endless, time_limit=0.2)
    assert not result.passed and "did not return within 0.2 s" in result.message


def test_a_guarded_function_called_by_another_runs_under_the_outer_limit():
    @mg.guarded
    def topological_sort(root):
        while True:
            pass

    @mg.guarded(time_limit=0.2)
    def backward_pass(root):
        return dict.fromkeys(topological_sort(root), 1.0)

    with pytest.raises(mg.StudentCodeError, match="backward_pass did not return within 0.2 s") as failure:
        backward_pass("L")
    assert failure.value.timed_out


def test_guarding_something_that_is_not_a_function_says_so():
    with pytest.raises(TypeError, match="guarded needs a function, got float"):
        mg.guarded(3.0)
