"""The course's stand-in for SciPy: ``import scipy.misc`` works, as the assignment's first cell
needs, and its functions say they are not in this course (see misc.py)."""

from . import misc
