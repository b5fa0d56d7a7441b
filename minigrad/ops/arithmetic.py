"""Elementwise arithmetic. Gradients may keep the broadcast shape; the engine sums them back."""
import numpy as np

from ..op import Op


class Add(Op):
    """y = a + b;  dL/da = G,  dL/db = G."""

    name = "add"

    @staticmethod
    def forward(ctx, a, b):
        return a + b

    @staticmethod
    def backward(ctx, grad_output):
        need_a, need_b = ctx.needs_input_grad
        return (grad_output if need_a else None, grad_output if need_b else None)


class Sub(Op):
    """y = a − b;  dL/da = G,  dL/db = −G."""

    name = "sub"

    @staticmethod
    def forward(ctx, a, b):
        return a - b

    @staticmethod
    def backward(ctx, grad_output):
        need_a, need_b = ctx.needs_input_grad
        return (grad_output if need_a else None, -grad_output if need_b else None)


class Mul(Op):
    """y = a ⊙ b (elementwise);  dL/da = G ⊙ b,  dL/db = G ⊙ a."""

    name = "mul"

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        return a * b

    @staticmethod
    def backward(ctx, grad_output):
        a, b = ctx.saved
        need_a, need_b = ctx.needs_input_grad
        return (grad_output * b if need_a else None, grad_output * a if need_b else None)


class Div(Op):
    """y = a / b;  dL/da = G / b,  dL/db = −G · a / b²."""

    name = "div"

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        return a / b

    @staticmethod
    def backward(ctx, grad_output):
        a, b = ctx.saved
        need_a, need_b = ctx.needs_input_grad
        grad_a = grad_output / b if need_a else None
        grad_b = -grad_output * a / (b * b) if need_b else None
        return grad_a, grad_b


class Neg(Op):
    """y = −x;  dL/dx = −G."""

    name = "neg"
    student_gets_output = True

    @staticmethod
    def forward(ctx, x):
        return -x

    @staticmethod
    def backward(ctx, grad_output):
        return -grad_output


class Pow(Op):
    """y = x^p for a constant p;  dL/dx = G · p · x^(p−1)."""

    name = "pow"

    @staticmethod
    def forward(ctx, x, exponent):
        ctx.save_for_backward(x)
        return np.power(x, exponent)

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved
        p = ctx.params["exponent"]
        if p == 0:  # x^0 is constant; p * x^(p-1) would be 0 * inf = NaN at x = 0
            return np.zeros_like(x)
        return grad_output * (p * np.power(x, p - 1))
