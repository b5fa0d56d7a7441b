"""Layers: a `Module` holds parameters and maps inputs to outputs.

The lecture's three-layer network on a flattened 3×10×20 input is::

    net = nn.Sequential(nn.Flatten(0), nn.Linear(600, 60, rng=0), nn.ReLU(),
                        nn.Linear(60, 40, rng=1), nn.ReLU(), nn.Linear(40, 10, rng=2))

i.e. z1 = relu(z0 W0 + b0), z2 = relu(z1 W1 + b1), y = z2 W2 + b2 with z0 = x flattened.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from . import functional as F
from .tensor import Tensor

if TYPE_CHECKING:
    from collections.abc import Sequence

    from numpy.typing import DTypeLike

    Seed = int | np.random.Generator | None


class Module:
    """Base class: subclasses set tensors and sub-modules as attributes and define forward."""

    def forward(self, *args, **kwargs) -> Tensor:  # pragma: no cover - contract
        raise NotImplementedError(f"{type(self).__name__} must define forward()")

    def __call__(self, *args, **kwargs) -> Tensor:
        return self.forward(*args, **kwargs)

    def parameters(self) -> list[Tensor]:
        """Every tensor with requires_grad=True held by this module or its sub-modules, once."""
        found, seen = [], set()
        stack = [self]
        while stack:
            item = stack.pop()
            if isinstance(item, Tensor):
                if item.requires_grad and id(item) not in seen:
                    seen.add(id(item))
                    found.append(item)
            elif isinstance(item, Module):
                stack.extend(reversed(list(vars(item).values())))
            elif isinstance(item, (list, tuple)):
                stack.extend(reversed(item))
        return found

    def zero_grad(self) -> None:
        """Clear the gradients of every parameter (they add up across backward calls)."""
        for p in self.parameters():
            p.grad = None


def _rng(rng: Seed) -> np.random.Generator:
    return rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)


class Linear(Module):
    """y = x W + b with W of shape (in_features, out_features).

    W and b start uniform in ±1/√in_features (as PyTorch's default), drawn from `rng`
    (a seed or a numpy Generator), so the same seed gives the same network.
    """

    def __init__(self, in_features: int, out_features: int, bias: bool = True, rng: Seed = None,
                 dtype: DTypeLike = np.float64) -> None:
        rng = _rng(rng)
        bound = 1.0 / np.sqrt(in_features)
        self.weight = Tensor(rng.uniform(-bound, bound, (in_features, out_features)),
                             requires_grad=True, dtype=dtype, name="W")
        self.bias = (Tensor(rng.uniform(-bound, bound, out_features), requires_grad=True, dtype=dtype, name="b")
                     if bias else None)

    def forward(self, x: Tensor) -> Tensor:
        if self.bias is None:
            return F.matmul(x, self.weight)
        return F.linear(x, self.weight, self.bias)

    def __repr__(self) -> str:
        n_in, n_out = self.weight.shape
        return f"Linear({n_in}, {n_out})"


class Sequential(Module):
    """Apply layers one after another: Sequential(a, b, c)(x) = c(b(a(x)))."""

    def __init__(self, *layers: Module) -> None:
        self.layers = list(layers)

    def forward(self, x: Tensor) -> Tensor:
        for layer in self.layers:
            x = layer(x)
        return x

    def __getitem__(self, i: int) -> Module:
        return self.layers[i]

    def __len__(self) -> int:
        return len(self.layers)

    def __repr__(self) -> str:
        inner = ",\n  ".join(repr(layer) for layer in self.layers)
        return f"Sequential(\n  {inner}\n)"


class _Activation(Module):
    function = staticmethod(lambda x: x)

    def forward(self, x: Tensor) -> Tensor:
        return self.function(x)

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class ReLU(_Activation):
    function = staticmethod(F.relu)


class Sigmoid(_Activation):
    function = staticmethod(F.sigmoid)


class Tanh(_Activation):
    function = staticmethod(F.tanh)


ACTIVATIONS = {"relu": ReLU, "sigmoid": Sigmoid, "tanh": Tanh}


class Flatten(Module):
    """Keep the first `start_dim` axes, join the rest: (N, 3, 10, 20) -> (N, 600).

    Flatten(0) flattens everything, like the lecture's x.view(-1) for a single sample.
    """

    def __init__(self, start_dim: int = 1) -> None:
        self.start_dim = start_dim

    def forward(self, x: Tensor) -> Tensor:
        shape = x.shape[: self.start_dim] + (-1,)
        return x.reshape(shape)

    def __repr__(self) -> str:
        return f"Flatten({self.start_dim})"


def mlp(sizes: Sequence[int], activation: str = "relu", seed: Seed = 0, dtype: DTypeLike = np.float64) -> Sequential:
    """A multi-layer perceptron: Linear layers of the given sizes with `activation` between.

    mlp([2, 16, 2]) is Linear(2, 16), ReLU, Linear(16, 2). The seed fixes every weight.
    """
    if len(sizes) < 2:
        raise ValueError("mlp needs at least an input and an output size, e.g. mlp([2, 16, 2]).")
    if activation not in ACTIVATIONS:
        raise ValueError(f"unknown activation {activation!r}; choose one of {sorted(ACTIVATIONS)}.")
    rng = np.random.default_rng(seed)
    layers: list[Module] = []
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        if i:
            layers.append(ACTIVATIONS[activation]())
        layers.append(Linear(n_in, n_out, rng=rng, dtype=dtype))
    return Sequential(*layers)
