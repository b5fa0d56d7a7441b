"""Students' solutions of `loglog_slope`: correct ones and planted mistakes (see `registry`)."""
from __future__ import annotations

import numpy as np

from .registry import correct, planted


# ----- loglog_slope ---------------------------------------------------------------------------
@correct("loglog_slope")
def loglog_slope(sizes, times):
    slope, _ = np.polyfit(np.log(np.asarray(sizes, dtype=float)), np.log(np.asarray(times, dtype=float)), 1)
    return float(slope)


@correct("loglog_slope")
def loglog_slope_base_ten(sizes, times):
    u, v = np.log10(np.asarray(sizes, dtype=float)), np.log10(times)
    u, v = u - u.mean(), v - v.mean()
    return float(u @ v / (u @ u))


@planted("loglog_slope", "wrong_axes")
def loglog_slope_linear_axes(sizes, times):
    return float(np.polyfit(sizes, times, 1)[0])


@planted("loglog_slope", "wrong_axes")
def loglog_slope_swapped(sizes, times):
    return float(np.polyfit(np.log(times), np.log(sizes), 1)[0])


@planted("loglog_slope", "wrong_axes")
def loglog_slope_semilog(sizes, times):
    return float(np.polyfit(np.asarray(sizes, dtype=float), np.log(times), 1)[0])


@planted("loglog_slope", "not_least_squares")
def loglog_slope_endpoints(sizes, times):
    return float(np.log(times[-1] / times[0]) / np.log(sizes[-1] / sizes[0]))


@planted("loglog_slope", "in_place")
def loglog_slope_logs_in_place(sizes, times):
    times[:] = np.log(times)
    return float(np.polyfit(np.log(np.asarray(sizes, dtype=float)), times, 1)[0])


@planted("loglog_slope", "missing_factor")
def loglog_slope_mixed_bases(sizes, times):
    return float(np.polyfit(np.log10(sizes), np.log(times), 1)[0])
