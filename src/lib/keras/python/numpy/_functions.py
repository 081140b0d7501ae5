"""NumPy's functions that the course's cells use: making arrays, shapes, maths and reductions."""

import builtins
import math

import _resnet_live_np as bridge

from . import _core as C
from . import _dtypes as D
from ._core import asarray, ndarray, normalize_axes, wrap
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


# --- shapes -----------------------------------------------------------------------------
def reshape(a, newshape):
    return asarray(a).reshape(newshape)


def transpose(a, axes=None):
    return asarray(a).transpose(*(() if axes is None else (axes,)))


def ravel(a):
    return asarray(a).reshape(-1)


def shape(a):
    return asarray(a).shape


def ndim(a):
    return asarray(a).ndim


def size(a):
    return asarray(a).size


def squeeze(a, axis=None):
    a = asarray(a)
    axes = normalize_axes(axis, a.ndim)
    if axes is None:
        axes = [i for i, n in enumerate(a.shape) if n == 1]
    elif builtins.any(a.shape[i] != 1 for i in axes):
        raise ValueError("cannot select an axis to squeeze out which has size not equal to one")
    return a.reshape(tuple(n for i, n in enumerate(a.shape) if i not in axes))


def expand_dims(a, axis):
    a = asarray(a)
    count = len(axis) if isinstance(axis, (tuple, list)) else 1
    axes = normalize_axes(axis, a.ndim + count)
    dims = iter(a.shape)
    return a.reshape(tuple(1 if i in axes else next(dims) for i in range(a.ndim + count)))


def _joinable(arrays, owner):
    arrays = [asarray(a) for a in arrays]
    if not arrays:
        raise ValueError(f"{owner}: need at least one array to join")
    dtype = arrays[0].dtype
    for a in arrays[1:]:
        dtype = D.promote(dtype, a.dtype)
    return [a.astype(dtype) for a in arrays], dtype


def concatenate(arrays, axis=0):
    arrays, dtype = _joinable(arrays, "np.concatenate")
    if axis is None:
        arrays, axis = [a.reshape(-1) for a in arrays], 0
    first = arrays[0]
    if first.ndim == 0:
        raise ValueError("zero-dimensional arrays cannot be concatenated")
    axis = normalize_axes(axis, first.ndim)[0]
    for i, a in enumerate(arrays[1:], 1):
        if a.ndim != first.ndim:
            raise ValueError(
                "all the input arrays must have same number of dimensions, but the array at index 0 has "
                f"{first.ndim} dimension(s) and the array at index {i} has {a.ndim} dimension(s)"
            )
        for d in range(first.ndim):
            if d != axis and a.shape[d] != first.shape[d]:
                raise ValueError(
                    "all the input array dimensions except for the concatenation axis must match exactly, but "
                    f"along dimension {d}, the array at index 0 has size {first.shape[d]} and the array at index "
                    f"{i} has size {a.shape[d]}"
                )
    return wrap(C.call("np.concatenate", bridge.concat, C.js([a._t for a in arrays]), axis), dtype)


def stack(arrays, axis=0):
    arrays, dtype = _joinable(arrays, "np.stack")
    if builtins.any(a.shape != arrays[0].shape for a in arrays):
        raise ValueError("all input arrays must have the same shape")
    axis = normalize_axes(axis, arrays[0].ndim + 1)[0]
    return wrap(C.call("np.stack", bridge.stack, C.js([a._t for a in arrays]), axis), dtype)


def vstack(arrays):
    return concatenate([a if asarray(a).ndim > 1 else asarray(a).reshape(1, -1) for a in arrays], 0)


def hstack(arrays):
    arrays = [asarray(a) for a in arrays]
    return concatenate(arrays, 0 if arrays and arrays[0].ndim == 1 else 1)


# --- elementwise ------------------------------------------------------------------------
def _float(op):
    def fn(x):
        return C.unary(op, x, D.FLOAT32)

    fn.__name__ = op
    return fn


exp, log, sqrt, tanh = _float("exp"), _float("log"), _float("sqrt"), _float("tanh")


def abs(x):
    return C.unary("abs", x)


absolute = abs


def square(x):
    return C.unary("square", x)


def sign(x):
    return C.unary("sign", x)


def isnan(x):
    return C.unary("isnan", x, D.BOOL)


def floor(x):
    x = asarray(x)
    return C.unary("floor", x) if x.dtype.kind == "f" else x.copy()


def ceil(x):
    x = asarray(x)
    return C.unary("ceil", x) if x.dtype.kind == "f" else x.copy()


def round_(a, decimals=0):
    a = asarray(a)
    if a.dtype.kind != "f":
        return a.copy()
    if decimals == 0:
        return C.unary("round", a)
    return wrap(C.call("np.round", bridge.roundTo, a._t, int(decimals)), D.FLOAT32)


def maximum(a, b):
    return C.binary("maximum", a, b)


def minimum(a, b):
    return C.binary("minimum", a, b)


def clip(a, a_min, a_max):
    a = asarray(a)
    low = -math.inf if a_min is None else float(a_min)
    high = math.inf if a_max is None else float(a_max)
    return wrap(C.call("np.clip", bridge.clip, a._t, low, high), a.dtype)


def where(condition, x=None, y=None):
    condition = asarray(condition).astype(D.BOOL)
    if x is None and y is None:
        return nonzero(condition)
    if x is None or y is None:
        raise ValueError("np.where takes the condition alone, or the condition with both x and y")
    a, b = asarray(x), asarray(y)
    dtype = D.promote(a.dtype, b.dtype)
    shape = C.broadcast_shapes(C.broadcast_shapes(condition.shape, a.shape), b.shape)
    tensor = C.call("np.where", bridge.where, condition._t, a._t, b._t, dtype.tensor, C.js(list(shape)))
    return wrap(tensor, dtype)


def nonzero(a):
    a = asarray(a)
    flat = [i for i, v in enumerate(a.reshape(-1).tolist()) if v]
    out = []
    for n in reversed(a.shape):
        out.append([i % n for i in flat])
        flat = [i // n for i in flat]
    return tuple(asarray(idx, dtype=D.INT32) for idx in reversed(out))


def dot(a, b):
    a, b = asarray(a), asarray(b)
    if a.ndim == 0 or b.ndim == 0:
        return a * b
    if a.ndim > 2 or b.ndim > 2:
        raise not_in_course("np.dot of arrays with more than 2 axes", "reshape them to 2-D first")
    if a.shape[-1] != b.shape[0]:
        raise ValueError(f"shapes {a.shape} and {b.shape} not aligned: {a.shape[-1]} (dim {a.ndim - 1}) != {b.shape[0]} (dim 0)")
    a2 = a if a.ndim == 2 else a.reshape(1, -1)
    b2 = b if b.ndim == 2 else b.reshape(-1, 1)
    product = wrap(C.call("np.dot", bridge.matmul, a2._t, b2._t), D.FLOAT32)
    out = tuple(a.shape[:-1]) + tuple(b.shape[1:])
    dtype = D.promote(a.dtype, b.dtype)
    return product.reshape(out).astype(dtype if dtype is not D.BOOL else D.INT32)


matmul = dot


# --- reductions -------------------------------------------------------------------------
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
