"""An ipympl canvas that re-renders only the artists that move.

After each `draw_idle()` the front end asks the kernel for a new image, and the kernel
renders the whole figure with Agg. Most of that time goes into what never changes during
a slider move: axes, ticks, labels, titles, legends, contours. This canvas keeps those as
a cached background (`copy_from_bbox`) and, while the figure's size and axis ranges stay
the same, restores it and draws only the registered moving artists on top, together with
the spines of their axes (a spine is drawn over the lines it frames). A new size, dpi or
axis range, or `refresh_background()`, renders the background again. Saving the figure
(`savefig`) is untouched and draws everything.

Importing ipympl switches pyplot to ipympl's backend (`ipympl/__init__.py` calls
`matplotlib.use`), which would turn every later `plt` figure of the notebook into a widget
with a toolbar; this module puts the backend back as it was, so an explorer changes only its
own figure.
"""
from __future__ import annotations

import warnings

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg


def _import_ipympl_keeping_the_backend():
    """ipympl's backend module, imported without leaving pyplot on ipympl's backend."""
    backend = matplotlib.get_backend()
    try:
        from ipympl import backend_nbagg
    finally:
        if matplotlib.get_backend() != backend:
            matplotlib.use(backend)
    return backend_nbagg


_ipympl = _import_ipympl_keeping_the_backend()
Canvas, FigureManager = _ipympl.Canvas, _ipympl.FigureManager


class LayeredCanvas(Canvas):
    """ipympl's canvas widget drawing a cached background plus `moving` artists."""

    def __init__(self, figure):
        super().__init__(figure)
        self.moving: list = []
        self._background = None
        self._background_key = None
        self._version = 0
        with warnings.catch_warnings():  # ipympl 0.10's Toolbar trips a traitlets deprecation
            warnings.filterwarnings("ignore", "Passing unrecognized arguments", DeprecationWarning)
            manager = FigureManager(self, 0)
        self.mpl_disconnect(manager.key_press_handler_id)  # keys like 'l' would rescale the axes
        self.header_visible = self.footer_visible = self.resizable = self.toolbar_visible = False

    def refresh_background(self) -> None:
        """Something besides the moving artists changed (a legend, a curve): re-render it next time."""
        self._version += 1

    def _layout_key(self) -> tuple:
        limits = tuple((ax.get_xlim(), ax.get_ylim()) for ax in self.figure.axes)
        return self.get_width_height(physical=True), self.figure.dpi, limits, self._version

    def _foreground(self) -> list:
        """The moving artists and the spines of their axes, in drawing (zorder) order."""
        spines = [spine for ax in dict.fromkeys(a.axes for a in self.moving) for spine in ax.spines.values()]
        return sorted(self.moving + spines, key=lambda artist: artist.get_zorder())

    def draw(self):
        foreground = self._foreground()
        key = self._layout_key()
        if self._background is None or key != self._background_key:
            visible = [artist.get_visible() for artist in foreground]
            for artist in foreground:
                artist.set_visible(False)
            try:
                FigureCanvasAgg.draw(self)
            finally:
                for artist, shown in zip(foreground, visible):
                    artist.set_visible(shown)
            self._background, self._background_key = self.copy_from_bbox(self.figure.bbox), key
        else:
            self.restore_region(self._background)
        renderer = self.get_renderer()
        for artist in foreground:
            artist.draw(renderer)
        self._png_is_old = True
        self.manager.refresh_all()
