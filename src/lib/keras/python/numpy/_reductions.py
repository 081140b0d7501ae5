"""NumPy's reductions (sum, mean, max, std, argmax, …) and the functions that compare or count
whole arrays (allclose, array_equal, count_nonzero, unique)."""

import _resnet_live_np as bridge

from . import _core as C
from . import _dtypes as D
from ._core import asarray, normalize_axes, wrap
from ._creation import zeros
from ._elementwise import sqrt, square


def _reduce(op, a, axis, keepdims, dtype):
    a = asarray(a)
    axes = normalize_axes(axis, a.ndim)
    if a.size == 0 and op in ("max", "min"):
        raise ValueError(f"zero-size array to reduction operation {op}imum which has no identity")
    source = a if a.dtype is not D.BOOL or op in ("any", "all") else a.astype(D.INT32)
    tensor = C.call(f"np.{op}", bridge.reduce, op, source._t, None if axes is None else C.js(axes), bool(keepdims))
    return wrap(tensor, dtype(a.dtype))


def _widened(dtype):
    return D.FLOAT32 if dtype.kind == "f" else D.INT32


def sum(a, axis=None, keepdims=False, dtype=None):
    total = _reduce("sum", a, axis, keepdims, _widened)
    return total if dtype is None else total.astype(dtype)


def prod(a, axis=None, keepdims=False):
    return _reduce("prod", a, axis, keepdims, _widened)


def mean(a, axis=None, keepdims=False):
    return _reduce("mean", a, axis, keepdims, lambda _: D.FLOAT32)


def max(a, axis=None, keepdims=False):
    return _reduce("max", a, axis, keepdims, lambda d: d)


def min(a, axis=None, keepdims=False):
    return _reduce("min", a, axis, keepdims, lambda d: d)


amax, amin = max, min


def any(a, axis=None, keepdims=False):
    return _reduce("any", a, axis, keepdims, lambda _: D.BOOL)


def all(a, axis=None, keepdims=False):
    return _reduce("all", a, axis, keepdims, lambda _: D.BOOL)


def var(a, axis=None, keepdims=False):
    a = asarray(a).astype(D.FLOAT32)
    return mean(square(a - mean(a, axis, keepdims=True)), axis, keepdims)


def std(a, axis=None, keepdims=False):
    return sqrt(var(a, axis, keepdims))


def _arg(which, a, axis):
    a = asarray(a)
    if a.size == 0:
        raise ValueError(f"attempt to get arg{which} of an empty sequence")
    axis = None if axis is None else normalize_axes(axis, a.ndim)[0]
    source = a.astype(D.INT32) if a.dtype is D.BOOL else a
    return wrap(C.call(f"np.arg{which}", bridge.argExtreme, which, source._t, axis), D.INT32)


def argmax(a, axis=None):
    return _arg("max", a, axis)


def argmin(a, axis=None):
    return _arg("min", a, axis)


def count_nonzero(a, axis=None):
    return sum(asarray(a).astype(D.BOOL), axis)


def allclose(a, b, rtol=1e-05, atol=1e-08):
    a, b = asarray(a), asarray(b)
    C.broadcast_shapes(a.shape, b.shape)
    return bool(C.call("np.allclose", bridge.allclose, a._t, b._t, float(rtol), float(atol)))


def array_equal(a, b):
    a, b = asarray(a), asarray(b)
    return a.shape == b.shape and bool((a == b).all())


def unique(a, return_counts=False):
    values = asarray(a)
    counts = {}
    for v in values.reshape(-1).tolist():
        counts[v] = counts.get(v, 0) + 1
    keys = sorted(counts)
    out = asarray(keys, dtype=values.dtype) if keys else zeros((0,), values.dtype)
    return (out, asarray([counts[k] for k in keys], dtype=D.INT32)) if return_counts else out
