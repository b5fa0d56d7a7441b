"""Reading a growth rate off measurements.

    loglog_slope(sizes, times) -> p, the slope of the least-squares line through (log d, log t)

If a cost grows like t ≈ a·d^p, then log t ≈ log a + p·log d: on log-log axes a straight
line of slope p, whatever the base of the logarithm.
"""
from __future__ import annotations

import numpy as np

from ..detectors import ConstantFactor, InPlace, Variant
from ..exercise import Exercise
from .cases import Case, frozen, rng_for


def slope(u, v) -> float:
    """The slope of the least-squares line v ≈ c + s·u."""
    return float(np.polyfit(np.asarray(u, dtype=np.float64), np.asarray(v, dtype=np.float64), 1)[0])


def loglog(sizes, times) -> float:
    return slope(np.log(sizes), np.log(times))


def _cases(suite, seed=None):
    rng = rng_for("loglog_slope", suite, seed=seed)

    def case(name, kind, sizes, times):
        sizes = np.asarray(sizes)
        sizes = frozen(sizes, sizes.dtype if sizes.dtype.kind in "iu" else np.float64)
        return Case(name, kind, (sizes, frozen(times)), (frozen(loglog(sizes, times)),), rtol=1e-8, atol=1e-12,
                    info={"size": 2 * len(sizes)})

    def noisy(name, sizes, power, scale, spread=0.05):
        """Timings of a cost growing like sizes**power, each off by a random factor."""
        sizes = np.asarray(sizes, dtype=np.float64)
        times = scale * sizes ** power * np.exp(spread * rng.normal(size=sizes.size))
        return case(name, "random", sizes, times)

    d = np.array([10.0, 20.0, 40.0, 80.0])
    if suite == "visible":
        exact = [case(f"an exact power law, times = 0.01·d^{p:g}", "edge", d, 0.01 * d ** p) for p in (3, 2, 0.5)]
        cubes = np.array([2, 4, 8, 16, 32])
        return exact + [noisy("noisy timings of a cubic cost, 5 sizes", [16, 32, 64, 128, 256], 3, 1e-9),
                        noisy("noisy timings of a quadratic cost, 6 sizes", np.geomspace(10, 1000, 6), 2, 1e-7),
                        case("two points, sizes 3 and 12 as integers", "edge", np.array([3, 12]), [2.0, 4.0]),
                        case("a decreasing cost, times = 4/d²", "edge", d, 4.0 / d ** 2),
                        case("integer sizes, times = 0.5·d³", "edge", cubes, 0.5 * cubes ** 3.0)]
    squares = np.array([3, 9, 27, 81])
    return [case("two points, sizes 2 and 8 as integers", "edge", np.array([2, 8]), [3.0, 12.0]),
            case("a decreasing cost, times = 1/d", "edge", d, 1.0 / d),
            case("integer sizes, times = 5·d²", "edge", squares, 5.0 * squares ** 2),
            noisy("noisy timings of a cubic cost, 6 sizes", [16, 32, 64, 128, 256, 512], 3, 1e-9),
            noisy("noisy timings growing like d^1.5, 7 sizes", np.geomspace(4, 4096, 7), 1.5, 1e-6, 0.1),
            case("an exact power law, times = 0.2·d^2.5", "edge", d, 0.2 * d ** 2.5),
            case("an exact power law, times = 3·d", "edge", d, 3.0 * d),
            noisy("noisy timings of a quadratic cost, 4 sizes", [50, 100, 200, 400], 2, 1e-6)]


def _fitted(transform_sizes, transform_times, swap=False):
    """Variant result: the least-squares slope between the wrongly chosen quantities."""
    def result(case):
        u, v = transform_sizes(case.args[0]), transform_times(case.args[1])
        return (np.asarray(slope(v, u) if swap else slope(u, v)),)
    return result


def _endpoints(case):
    sizes, times = (np.log(np.asarray(a, dtype=np.float64)) for a in case.args)
    return (np.asarray((times[-1] - times[0]) / (sizes[-1] - sizes[0])),)


def _ddof_mixed(count_ratio):
    """Variant result: the slope times count_ratio(n), n the number of measurements: the covariance
    and the variance divided by different counts (np.cov's n − 1 over np.var's n: n/(n − 1))."""
    def result(case):
        n = len(case.args[0])
        return (np.asarray(case.expected[0] * count_ratio(n)),)
    return result


DDOF_HINT = ("The slope is cov(log d, log t) / var(log d): divide both by the same count (np.cov divides by "
             "n − 1 unless told bias=True; np.var by n unless told ddof=1), or use np.polyfit.")


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
     Variant("missing_factor", _ddof_mixed(lambda n: n / (n - 1)), hint=DDOF_HINT,
             seen="Your slope is n/(n − 1) times the expected one (n the number of measurements): the covariance "
                  "is divided by n − 1, the variance by n."),
     Variant("missing_factor", _ddof_mixed(lambda n: (n - 1) / n), hint=DDOF_HINT,
             seen="Your slope is (n − 1)/n times the expected one (n the number of measurements): the covariance "
                  "is divided by n, the variance by n − 1."),
     InPlace(), ConstantFactor(what="slope")),
    shape_notes=("a single number",))

EXERCISES = (loglog_slope,)
