"""NumPy's functions that make arrays: np.array, zeros, ones, full, eye, arange, linspace, copy."""

import builtins
import math

import _resnet_live_np as bridge

from . import _core as C
from . import _dtypes as D
from ._core import asarray, wrap
from ._errors import not_in_course

def _shape(shape, owner):
    if isinstance(shape, int) and not isinstance(shape, bool):
        shape = (shape,)
    if not isinstance(shape, (tuple, list)) or not builtins.all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in shape):
        raise TypeError(f"{owner}: shape must be a whole number or a tuple of them, such as (2, 3), got {shape!r}")
    return [int(n) for n in shape]


def full(shape, fill_value, dtype=None):
    dtype = D.as_dtype(dtype) if dtype is not None else D.of_scalar(fill_value)
    value = fill_value % 256 if dtype is D.UINT8 else fill_value
    return wrap(C.call("np.full", bridge.full, C.js(_shape(shape, "np.full")), value, dtype.tensor), dtype)


def zeros(shape, dtype=float):
    return full(shape, 0, dtype)


def ones(shape, dtype=float):
    return full(shape, 1, dtype)


def zeros_like(a, dtype=None):
    a = asarray(a)
    return full(a.shape, 0, dtype or a.dtype)


def ones_like(a, dtype=None):
    a = asarray(a)
    return full(a.shape, 1, dtype or a.dtype)


def eye(N, M=None, k=0, dtype=float):
    if k != 0:
        raise not_in_course("np.eye(k=...)", "it has the identity np.eye(N) and np.eye(N, M)")
    dtype = D.as_dtype(dtype)
    return wrap(C.call("np.eye", bridge.eye, N, N if M is None else M, dtype.tensor), dtype)


identity = eye


def arange(start, stop=None, step=1, dtype=None):
    if stop is None:
        start, stop = 0, start
    if step == 0:
        raise ValueError("np.arange: step must not be 0")
    all_int = builtins.all(isinstance(v, int) for v in (start, stop, step))
    dtype = D.as_dtype(dtype) if dtype is not None else (D.INT32 if all_int else D.FLOAT32)
    n = builtins.max(0, math.ceil((stop - start) / step))
    if n == 0:
        return zeros((0,), dtype)
    made = wrap(C.call("np.arange", bridge.arange, start, start + n * step, step, "int32" if all_int else "float32"))
    return made.astype(dtype)


def linspace(start, stop, num=50, dtype=None):
    made = wrap(C.call("np.linspace", bridge.linspace, float(start), float(stop), int(num)), D.FLOAT32)
    return made if dtype is None else made.astype(dtype)


def array(obj, dtype=None, copy=True):
    made = asarray(obj, dtype)
    return made.copy() if made is obj else made


def copy(a):
    return asarray(a).copy()
