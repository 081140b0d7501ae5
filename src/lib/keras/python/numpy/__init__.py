"""The course's small numpy: NumPy's everyday API over TF.js tensors, for the Python cells.

The real NumPy does not run in this page (no WebAssembly build of it can be served with the
site), so ``import numpy as np`` gets this package instead. An array here is a TF.js tensor:
float32 by default (TF.js has no float64), int32 for whole numbers, and uint8 and bool. It covers
what the course's cells use: making arrays, arithmetic and comparisons with broadcasting,
indexing and slicing, reshaping, reductions, a few elementwise functions and a seeded np.random.
Anything else raises "not in this course's numpy: …" with what to use instead.

Differences from NumPy to know: slices are copies, not views (``X[0] = 1`` works, by replacing
the array's tensor); reductions give 0-d arrays where NumPy gives scalars (they print, compare
and convert the same way); np.random's numbers differ from NumPy's for the same seed.

For the course's other parts: ``arr._tensor()`` is the tf.Tensor an array owns (never dispose
it), and ``from_tensor(t)`` wraps a TF.js tensor as an array that owns it from then on.
"""

import math as _math
import sys as _sys

from . import _dtypes, random
from ._core import AxisError, asarray, from_tensor, ndarray
from ._dtypes import bool_, dtype, float32, int32, uint8
from ._errors import MissingSubmodules as _MissingSubmodules
from ._errors import NotInCourseError, not_in_course
from ._functions import (
    abs,
    absolute,
    all,
    allclose,
    amax,
    amin,
    any,
    arange,
    argmax,
    argmin,
    array,
    array_equal,
    ceil,
    clip,
    concatenate,
    copy,
    count_nonzero,
    dot,
    exp,
    expand_dims,
    eye,
    floor,
    full,
    hstack,
    identity,
    isnan,
    linspace,
    log,
    matmul,
    max,
    maximum,
    mean,
    min,
    minimum,
    ndim,
    nonzero,
    ones,
    ones_like,
    prod,
    ravel,
    reshape,
    shape,
    sign,
    size,
    sqrt,
    square,
    squeeze,
    stack,
    std,
    sum,
    tanh,
    transpose,
    unique,
    var,
    vstack,
    where,
    zeros,
    zeros_like,
)
from ._functions import round_ as round
from ._functions import round_ as around
from ._printing import get_printoptions, set_printoptions

__version__ = "resnet-live"

newaxis = None
pi = _math.pi
e = _math.e
inf = _math.inf
nan = _math.nan
bool = bool_


# Once, even if the package is imported again after a restart (`any` is numpy's own here).
if "MissingSubmodules" not in [getattr(finder, "__name__", "") for finder in _sys.meta_path]:
    _sys.meta_path.append(_MissingSubmodules)


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(f"module 'numpy' has no attribute '{name}'")
    missing = _dtypes.missing_type(name)
    if missing is not None:
        raise missing
    raise not_in_course(f"np.{name}")


def __dir__():
    return sorted(name for name in globals() if not name.startswith("_"))
