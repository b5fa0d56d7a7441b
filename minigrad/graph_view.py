"""Look at a computation graph: list its tensors, or draw it with matplotlib.

    loss = F.mse_loss(net(X), y)
    loss.backward()
    minigrad.graph_view.draw_graph(loss)      # boxes for tensors, arrows from inputs to results

Every tensor points to the tensors it was computed from (`t.parents`), so the graph is
found by walking back from the result. Matplotlib is imported only when drawing.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .tensor import Tensor

COLUMN_STEP = 3.0     # data units between the centres of two columns
ROW_STEP = 1.25       # height a box takes in its column (box plus space)
GAP_STEP = 0.45       # height an arrow passing through a column takes
BOX_WIDTH = 2.5
BOX_HEIGHT = 0.95
INCHES_PER_UNIT = 0.8    # figure size per data unit when draw_graph makes its own figure
COLOURS = {"op": "#dbe9f6", "parameter": "#fde2c4", "constant": "#e8e8e8"}


def graph_nodes(root: Tensor) -> list[Tensor]:
    """Every tensor `root` depends on (constants included) and root itself, parents first.

    A depth-first walk over `.parents` with an explicit stack, so a chain 100 000 ops deep
    needs no recursion. Unlike `minigrad.topological_order`, tensors that need no gradient
    (data, targets, constants) are kept: they are part of the picture.
    """
    order, visited = [], set()
    stack = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            order.append(node)
            continue
        if id(node) in visited:
            continue
        visited.add(id(node))
        stack.append((node, True))
        stack.extend((parent, False) for parent in reversed(node.parents) if id(parent) not in visited)
    return order


def layer_columns(nodes) -> dict:
    """Column of each node (keyed by id): operations at the longest path from a leaf.

    An operation sits one column right of its furthest-right input. A leaf (input,
    parameter, constant) has no inputs; it sits one column before its first consumer, so
    the weights of the last layer appear beside the layer instead of far left.
    """
    depth = {}
    for node in nodes:
        depth[id(node)] = 1 + max(depth[id(p)] for p in node.parents) if node.parents else 0
    column = {id(node): depth[id(node)] for node in nodes if node.parents}
    for node in nodes:
        for parent in node.parents:
            if not parent.parents:
                here = depth[id(node)] - 1
                column[id(parent)] = min(column.get(id(parent), here), here)
    column.setdefault(id(nodes[-1]), 0)   # a root that is itself a leaf
    return column


def row_order(root) -> dict:
    """Rank of each node (keyed by id) in a walk from the root, inputs in argument order.

    Sorting each column by this rank puts a node's inputs in the order of the call
    (x above W above b for linear(x, W, b)), which keeps arrows from crossing.
    """
    rank, stack = {}, [root]
    while stack:
        node = stack.pop()
        if id(node) in rank:
            continue
        rank[id(node)] = len(rank)
        stack.extend(reversed(node.parents))
    return rank


def layout(root, nodes):
    """Box centres and arrow routes for drawing: (positions, waypoints).

    positions[id(node)] = (x, y). An arrow that skips columns is routed through a gap it
    reserves in each column it crosses (as in Sugiyama's layered drawing), so it never runs
    through a box: waypoints[(id(consumer), slot)] lists those gaps' centres, left to right.
    Columns are sorted by `row_order` and centred vertically.
    """
    column, rank = layer_columns(nodes), row_order(root)
    columns: dict[int, list] = {}
    for node in nodes:
        columns.setdefault(column[id(node)], []).append(((rank[id(node)],), ROW_STEP, ("box", id(node))))
        for slot, parent in enumerate(node.parents):
            key = (rank[id(parent)], rank[id(node)], slot)
            for c in range(column[id(parent)] + 1, column[id(node)]):
                columns.setdefault(c, []).append((key, GAP_STEP, ("gap", (id(node), slot))))
    positions, waypoints = {}, {}
    for c in sorted(columns):
        members = sorted(columns[c], key=lambda item: item[0])
        y = sum(step for _, step, _ in members) / 2
        for _, step, (kind, key) in members:
            centre = (c * COLUMN_STEP, y - step / 2)
            y -= step
            if kind == "box":
                positions[key] = centre
            else:
                waypoints.setdefault(key, []).append(centre)
    return positions, waypoints


def node_label(tensor, show_grad: bool = True) -> str:
    """Title (name and/or op), value and, if present, gradient of a tensor, one per line."""
    if tensor.op is None:
        title = tensor.name or ("parameter" if tensor.requires_grad else "constant")
    else:
        title = f"{tensor.name} = {tensor.op}" if tensor.name else tensor.op
    lines = [title, summarise(tensor.data)]
    if show_grad and tensor.grad is not None:
        lines.append("grad " + summarise(tensor.grad, as_gradient=True))
    return "\n".join(lines)


def summarise(array, as_gradient: bool = False) -> str:
    """A number for a single value; otherwise the shape and the mean (a gradient: its norm)."""
    array = np.asarray(array)
    if array.size == 1:
        return f"{float(array.reshape(())):.4g}"
    shape = str(array.shape)
    if as_gradient:
        return f"{shape}, ‖g‖ {np.linalg.norm(array):.3g}"
    return f"{shape}, mean {array.mean():.3g}"


def _kind(tensor) -> str:
    if tensor.op is not None:
        return "op"
    return "parameter" if tensor.requires_grad else "constant"


def draw_graph(root: Tensor, ax: Axes | None = None, show_grad: bool = True) -> Axes:
    """Draw the graph that computed `root`, inputs on the left, `root` on the right.

    Each tensor is a box: its name or op, its value (the number, or the shape and mean)
    and, with `show_grad`, its `.grad` (the number, or the shape and norm) once
    `backward()` has run. Colours: blue for op results, orange for parameters (leaves
    with requires_grad), grey for data and constants. Arrows go from inputs to the op
    that uses them, entering it top to bottom in argument order. Without `ax`, a new
    figure sized to the graph is made. Returns the matplotlib Axes.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
    from matplotlib.path import Path

    nodes = graph_nodes(root)
    positions, waypoints = layout(root, nodes)
    x_min, x_max, y_min, y_max = _extent(positions, waypoints)
    if ax is None:
        _, ax = plt.subplots(figsize=(INCHES_PER_UNIT * (x_max - x_min), INCHES_PER_UNIT * (y_max - y_min)))
    for node in nodes:
        x, y = positions[id(node)]
        ax.add_patch(FancyBboxPatch((x - BOX_WIDTH / 2, y - BOX_HEIGHT / 2), BOX_WIDTH, BOX_HEIGHT,
                                    boxstyle="round,pad=0,rounding_size=0.12", linewidth=1,
                                    facecolor=COLOURS[_kind(node)], edgecolor="#555555", zorder=2))
        ax.text(x, y, node_label(node, show_grad), ha="center", va="center", fontsize=8,
                linespacing=1.35, zorder=3)
    for route in arrow_routes(nodes, positions, waypoints):
        ax.add_patch(FancyArrowPatch(path=Path(route), arrowstyle="-|>", mutation_scale=10,
                                     linewidth=1, color="#444444", zorder=1))
    ax.set_xlim(x_min, x_max)
    ax.set_ylim(y_min, y_max)
    ax.set_axis_off()
    return ax


def arrow_routes(nodes, positions, waypoints) -> list:
    """One polyline per (input, consumer, slot): from the input's right edge, through the
    gaps reserved in skipped columns, to the consumer's left edge.

    A box's outgoing arrows leave from points spread down its right edge (top arrow
    highest) and incoming ones arrive spread down its left edge in argument order, so an
    input used twice, as in x * x, shows two arrows.
    """
    half = BOX_WIDTH / 2
    routes, outgoing = [], {}
    for node in nodes:
        x1, y1 = positions[id(node)]
        count = len(node.parents)
        for slot, parent in enumerate(node.parents):
            gaps = waypoints.get((id(node), slot), [])
            middle = [point for (x, y) in gaps for point in ((x - half, y), (x + half, y))]
            route = middle + [(x1 - half, y1 + _spread(slot, count))]
            routes.append(route)
            outgoing.setdefault(id(parent), []).append(route)
    for parent_id, parent_routes in outgoing.items():
        x0, y0 = positions[parent_id]
        parent_routes.sort(key=lambda route: -route[0][1])
        for i, route in enumerate(parent_routes):
            route.insert(0, (x0 + half, y0 + _spread(i, len(parent_routes))))
    return routes


def _spread(index: int, count: int) -> float:
    """Vertical offset of attachment point `index` of `count` along a box edge, top first."""
    step = min(0.2, 0.7 * BOX_HEIGHT / count)
    return ((count - 1) / 2 - index) * step


def _extent(positions, waypoints):
    """Data limits that hold every box and arrow with a small margin."""
    margin = 0.1
    boxes = list(positions.values())
    gaps = [point for route in waypoints.values() for point in route]
    xs = [x for x, _ in boxes + gaps]
    low = [y - BOX_HEIGHT / 2 for _, y in boxes] + [y - margin for _, y in gaps]
    high = [y + BOX_HEIGHT / 2 for _, y in boxes] + [y + margin for _, y in gaps]
    return (min(xs) - BOX_WIDTH / 2 - margin, max(xs) + BOX_WIDTH / 2 + margin,
            min(low) - margin, max(high) + margin)
