"""NumPy's elementwise functions (exp, log, sqrt, abs, round, clip, maximum, …), selection
(where, nonzero) and the matrix product (dot, matmul)."""

import math

import _resnet_live_np as bridge

from . import _core as C
from . import _dtypes as D
from ._core import asarray, wrap
from ._errors import not_in_course


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
