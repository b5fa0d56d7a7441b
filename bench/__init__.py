"""Benchmarks: minigrad against a hand-written numpy floor and PyTorch CPU (`python -m bench`).

`run` orchestrates and prints the table; `worker` is the process that times one system;
`workload` defines the cases, data and weights shared by all systems; `numpy_floor`,
`minigrad_system` and `torch_system` are the three systems. `widgets_latency` times the
course's interactive explorers.
"""
