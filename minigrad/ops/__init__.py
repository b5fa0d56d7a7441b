"""Every op of the engine, one family per module. Importing this package registers them all."""
from .activations import Exp, Log, ReLU, Sigmoid, Tanh, stable_sigmoid
from .arithmetic import Add, Div, Mul, Neg, Pow, Sub
from .linalg import Linear, MatMul
from .losses import CrossEntropy, MSELoss
from .reductions import Mean, Sum
from .shape import Reshape, Transpose
from .softmax import LogSoftmax, Softmax, log_softmax_array, softmax_array

__all__ = ["Add", "Sub", "Mul", "Div", "Neg", "Pow", "MatMul", "Linear", "Sum", "Mean",
           "Reshape", "Transpose", "Exp", "Log", "Sigmoid", "Tanh", "ReLU", "Softmax",
           "LogSoftmax", "MSELoss", "CrossEntropy", "stable_sigmoid", "softmax_array",
           "log_softmax_array"]
