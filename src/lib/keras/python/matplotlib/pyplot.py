"""The course's stand-in for ``matplotlib.pyplot``: every function imports and raises, when
called, that plots are not in this course's Python, and says what to do instead."""

from _stand_in import any_name, unavailable

PLOTS = (
    "plots are not in this course's Python: print the values instead; model.fit draws its loss and "
    "accuracy in the cell's output as it trains, and the lesson's charts are on the page"
)

# Notebooks set figure sizes before they plot; setting one is harmless, so it is allowed.
rcParams = {}

__all__ = ["imshow", "show", "plot", "figure", "title", "xlabel", "ylabel", "legend", "subplot", "subplots"]
for _name in __all__:
    globals()[_name] = unavailable(f"matplotlib.pyplot.{_name}", PLOTS)

__getattr__ = any_name("matplotlib.pyplot", PLOTS)
