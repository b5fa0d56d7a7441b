"""Colours and markers that viewers with a colour-vision deficiency can tell apart.

The colours are Okabe and Ito's palette ("Color Universal Design", 2008): eight hues chosen
to stay distinct under protanopia, deuteranopia and tritanopia, used instead of
matplotlib's default cycle, whose orange, green and red merge for about one viewer in
twelve. Colour is never the only cue: every series also has its own marker or line style,
and a legend names it, so a print in grey still reads.
"""
BLUE = "#0072B2"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
GREY = "0.6"

SERIES = (
    {"color": BLUE, "marker": "o", "linestyle": "-"},
    {"color": ORANGE, "marker": "s", "linestyle": "--"},
    {"color": REDDISH_PURPLE, "marker": "^", "linestyle": ":"},
)
"""Styles of up to three series drawn together (line, marker, dash all differ)."""

CLASSES = ((BLUE, "o"), (ORANGE, "s"), (BLUISH_GREEN, "^"), (REDDISH_PURPLE, "D"), (SKY_BLUE, "v"))
"""(colour, marker) of class 0, 1, 2, ... in a scatter of labelled points."""
