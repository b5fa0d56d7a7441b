"""Tests of minigrad, the engine: ops, autograd, gradcheck, data, training, graph view, torch agreement."""
