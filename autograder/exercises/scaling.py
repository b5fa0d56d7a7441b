"""Reading a growth rate off measurements.

    loglog_slope(sizes, times) -> p, the slope of the least-squares line through (log d, log t)

If a cost grows like t ≈ a·d^p, then log t ≈ log a + p·log d: on log-log axes a straight
line of slope p, whatever the base of the logarithm.
"""
from __future__ import annotations

import numpy as np

from ..cases import Case, frozen, rng_for
from ..mistakes import InPlace, Variant
from .base import Exercise


def slope(u, v) -> float:
    """The slope of the least-squares line v ≈ c + s·u."""
    return float(np.polyfit(np.asarray(u, dtype=np.float64), np.asarray(v, dtype=np.float64), 1)[0])


def loglog(sizes, times) -> float:
    return slope(np.log(sizes), np.log(times))


def _cases(suite):
    rng = rng_for("loglog_slope", suite)

    def case(name, kind, sizes, times):
        sizes = np.asarray(sizes)
        sizes = frozen(sizes, sizes.dtype if sizes.dtype.kind in "iu" else np.float64)
        return Case(name, kind, (sizes, frozen(times)), (frozen(loglog(sizes, times)),), rtol=1e-8, atol=1e-12,
                    info={"size": 2 * len(sizes)})

    def noisy(sizes, power, scale, spread=0.05):
        sizes = np.asarray(sizes, dtype=np.float64)
        return scale * sizes ** power * np.exp(spread * rng.normal(size=sizes.size))

    d = np.array([10.0, 20.0, 40.0, 80.0])
    if suite == "visible":
        return [case(f"an exact power law, times = 0.01·d^{p:g}", "edge", d, 0.01 * d ** p) for p in (3, 2, 0.5)] + [
            case("noisy timings of a cubic cost, 5 sizes", "random", [16, 32, 64, 128, 256], noisy([16, 32, 64, 128, 256], 3, 1e-9)),
            case("noisy timings of a quadratic cost, 6 sizes", "random", np.geomspace(10, 1000, 6), noisy(np.geomspace(10, 1000, 6), 2, 1e-7))]
    return [case("two points, sizes 2 and 8 as integers", "edge", np.array([2, 8]), [3.0, 12.0]),
            case("a decreasing cost, times = 1/d", "edge", d, 1.0 / d),
            case("integer sizes, times = 5·d²", "edge", np.array([3, 9, 27, 81]), 5.0 * np.array([3, 9, 27, 81]) ** 2),
            case("noisy timings of a cubic cost, 6 sizes", "random", [16, 32, 64, 128, 256, 512],
                 noisy([16, 32, 64, 128, 256, 512], 3, 1e-9)),
            case("noisy timings growing like d^1.5, 7 sizes", "random", np.geomspace(4, 4096, 7),
                 noisy(np.geomspace(4, 4096, 7), 1.5, 1e-6, 0.1))]


def _fitted(transform_sizes, transform_times, swap=False):
    """Variant result: the least-squares slope between the wrongly chosen quantities."""
    def result(case):
        u, v = transform_sizes(case.args[0]), transform_times(case.args[1])
        return (np.asarray(slope(v, u) if swap else slope(u, v)),)
    return result


def _endpoints(case):
    sizes, times = (np.log(np.asarray(a, dtype=np.float64)) for a in case.args)
    return (np.asarray((times[-1] - times[0]) / (sizes[-1] - sizes[0])),)


def _plain(a):
    return np.asarray(a, dtype=np.float64)


loglog_slope = Exercise(
    "loglog_slope", "loglog_slope(sizes, times)", ("sizes", "times"), ("the slope",), _cases,
    (Variant("wrong_axes", _fitted(_plain, _plain), seen="Your slope is the one of times against sizes on "
             "linear axes, without logarithms."),
     Variant("wrong_axes", _fitted(np.log, np.log, swap=True), seen="Your slope is the one of log(sizes) "
             "against log(times): the axes are swapped, which turns p into about 1/p."),
     Variant("wrong_axes", _fitted(_plain, np.log), seen="Your slope is the one of log(times) against sizes: "
             "only one axis is logarithmic."),
     Variant("wrong_axes", _fitted(np.log, _plain), seen="Your slope is the one of times against log(sizes): "
             "only one axis is logarithmic."),
     Variant("not_least_squares", _endpoints),
     InPlace()),
    shape_notes=("a single number",))

EXERCISES = (loglog_slope,)
