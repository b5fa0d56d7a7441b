"""Interactive explorers for the course notebooks: move a slider, watch the consequence.

    from minigrad.widgets import descent_1d, loss_surface, training_playground
    descent_1d("double_well")          # the last expression of a cell displays it

Each explorer has `.widget` (the ipywidgets box; the explorer also displays itself), its
controls as attributes (`.learning_rate`, `.batch_size`, `.steps`, ...), `.figure` (the
matplotlib figure, built once and updated in place), `.message` (a line for warnings
instead of tracebacks) and `update(**values)`, which sets controls from code and returns
what was computed. Importing this package imports ipywidgets and matplotlib (and ipympl
when installed); `import minigrad` does not.
"""
from .descent import Curve, descent_1d
from .playground import training_playground
from .surface import loss_surface

__all__ = ["descent_1d", "loss_surface", "training_playground", "Curve"]
