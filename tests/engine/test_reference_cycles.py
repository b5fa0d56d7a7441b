"""No reference cycles: a training step (also with a student's backward swapped in) is freed by
reference counting alone, so memory does not wait for the cyclic garbage collector."""
import gc

import numpy as np

import minigrad as mg
from minigrad import functional as F
from minigrad import nn, optim


def test_a_training_step_leaves_no_reference_cycles():
    """With the cyclic GC off, a step must free everything by reference counting alone."""
    net = nn.mlp([2, 16, 16, 2], seed=0)
    opt = optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
    X = mg.Tensor(np.random.default_rng(0).normal(size=(32, 2)))
    y = np.arange(32) % 2
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            opt.zero_grad()
            loss = F.cross_entropy(net(X), y)
            loss.backward()
            opt.step()
        with mg.use_student_backward("relu", lambda x, out, g: g * (x > 0)):
            F.cross_entropy(net(X), y).backward()
        del loss
        unreachable = gc.collect()
    finally:
        gc.enable()
    assert unreachable == 0, f"a training step left {unreachable} objects in reference cycles"

