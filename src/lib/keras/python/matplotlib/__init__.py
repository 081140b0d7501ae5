"""The course's stand-in for matplotlib: ``from matplotlib.pyplot import imshow`` imports, and
plotting raises a message that says where the course's charts are (see pyplot.py). A cell's
``%matplotlib inline`` line is skipped by the kernel before the cell runs."""

from _stand_in import any_name

from . import pyplot

rcParams = pyplot.rcParams


def use(*args, **kwargs):
    """Choosing a backend changes nothing here: nothing is drawn."""


__getattr__ = any_name("matplotlib", pyplot.PLOTS)
