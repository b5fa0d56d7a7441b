"""Loss functions: each turns predictions into one number to minimise."""
import numpy as np

from ..errors import InvalidValueError, ShapeError
from ..op import Op
from .softmax import log_softmax_array


class MSELoss(Op):
    """L = (1/n) Σ (pred − target)²  over all n elements.

    dL/dpred = G · 2 (pred − target) / n,  dL/dtarget = −dL/dpred.
    """

    name = "mse_loss"
    student_returns_first_gradient_only = True

    @staticmethod
    def forward(ctx, pred, target):
        if pred.shape != target.shape:
            raise ShapeError(f"mse_loss: predictions of shape {pred.shape} and targets of shape "
                             f"{target.shape} differ; reshape one so they match exactly.")
        diff = pred - target
        ctx.save_for_backward(diff)
        return np.asarray(np.mean(diff * diff))

    @staticmethod
    def backward(ctx, grad_output):
        (diff,) = ctx.saved
        grad = diff * (2.0 * grad_output / diff.size)
        need_pred, need_target = ctx.needs_input_grad
        return (grad if need_pred else None, -grad if need_target else None)


def _check_labels(logits, labels):
    labels = np.asarray(labels)
    if labels.dtype.kind not in "iu":
        raise TypeError(f"cross_entropy: labels must be integers (class indices), got dtype {labels.dtype}.")
    batch_shape = logits.shape[:-1]
    if labels.shape != batch_shape:
        raise ShapeError(f"cross_entropy: logits of shape {logits.shape} need labels of shape "
                         f"{batch_shape} (one class index per row), got {labels.shape}.")
    classes = logits.shape[-1]
    if labels.size and (labels.min() < 0 or labels.max() >= classes):
        raise InvalidValueError(f"cross_entropy: labels must lie in 0..{classes - 1}; "
                         f"found {labels.min()}..{labels.max()}.")
    return labels


class CrossEntropy(Op):
    """L = −(1/N) Σ_n log softmax(logits_n)[label_n], fused and stable.

    dL/dlogits = G · (softmax(logits) − onehot(labels)) / N. Fusing the two steps avoids
    exponentiating large logits and is the well-known "probabilities minus targets".
    """

    name = "cross_entropy"
    student_gets_params = ("labels",)

    @staticmethod
    def forward(ctx, logits, labels):
        if logits.ndim not in (1, 2):
            raise ShapeError(f"cross_entropy needs logits of shape (N, classes) or (classes,), got {logits.shape}.")
        labels = _check_labels(logits, labels)
        log_probs = log_softmax_array(logits, axis=-1)
        ctx.save_for_backward(log_probs, labels)
        if logits.ndim == 1:
            return np.asarray(-log_probs[labels])
        return np.asarray(-log_probs[np.arange(len(labels)), labels].mean())

    @staticmethod
    def backward(ctx, grad_output):
        log_probs, labels = ctx.saved
        grad = np.exp(log_probs)
        if grad.ndim == 1:
            grad[labels] -= 1.0
            return grad * grad_output
        n = len(labels)
        grad[np.arange(n), labels] -= 1.0
        grad *= grad_output / n
        return grad
