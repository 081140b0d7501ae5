"""The course's stand-in for ``IPython.display``: ``display(value)`` shows a value in the cell's
output, as Jupyter does; ``SVG`` and ``Image`` raise, when called, what the course offers instead."""

from _stand_in import DRAWING, any_name, unavailable

__all__ = ["display", "SVG", "Image"]

SVG = unavailable("IPython.display.SVG", DRAWING)
Image = unavailable(
    "IPython.display.Image",
    "showing images from Python is not in this course: the assignment's figures are in the lesson's text",
)


def _show(value):
    # Jupyter shows a value as its repr ('text' with its quotes); the kernel may replace this to
    # show values as it shows a cell's last expression.
    print(repr(value))


def display(*values, **kwargs):
    """Shows each value in the cell's output, as Jupyter does."""
    for value in values:
        _show(value)


__getattr__ = any_name("IPython.display", "this part of IPython.display is not in this course's Python: print the value instead")
