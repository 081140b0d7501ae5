"""The ndarray of the course's numpy: a Python object that owns one TF.js tensor.

Every operation asks ``_resnet_live_np`` (src/lib/keras/numpy-bridge.ts) for a new tensor and
wraps it; the array disposes its tensor when Python frees it (``__del__``), so a loop of
operations leaves TF.js's tensor count where it was. Shapes, axes and dtypes are checked here,
with NumPy's own messages, before anything reaches TF.js.
"""

import math

from pyodide.ffi import JsException, to_js

import _resnet_live_np as bridge

from . import _dtypes as D
from ._errors import not_in_course


class AxisError(ValueError, IndexError):
    """NumPy's error for an axis the array does not have."""


def js(value):
    """A Python value as JavaScript: lists become arrays, dicts plain objects; tensors pass as they are."""
    return to_js(value, dict_converter=bridge.fromEntries, create_pyproxies=False)


def call(what, fn, *args):
    """Calls into TF.js; its errors come back as a ValueError that starts with `what`."""
    try:
        return fn(*args)
    except JsException as error:
        # The bridge names an index past an axis's end IndexError (NumpyIndexError in numpy-bridge.ts).
        if error.name == "IndexError":
            raise IndexError(error.message) from None
        raise ValueError(f"{what}: {error.message}") from None


def wrap(tensor, dtype=None):
    """An ndarray that owns `tensor` (a TF.js tensor); `dtype` names uint8 over int32 tensors."""
    array = object.__new__(ndarray)
    array._t = tensor
    array._shape = tuple(int(n) for n in tensor.shape)
    array._dtype = dtype if dtype is not None else D.as_dtype(str(tensor.dtype))
    return array


def from_tensor(tensor):
    """Wraps a TF.js tensor as an ndarray, which now owns it and disposes it when freed."""
    if not bridge.isTensor(tensor):
        raise TypeError(f"from_tensor takes a TF.js tensor, got {type(tensor).__name__}")
    if str(tensor.dtype) not in ("float32", "int32", "bool"):
        raise TypeError(f"from_tensor: a {tensor.dtype} tensor has no dtype in this course's numpy")
    return wrap(tensor)


def _nested(obj):
    """(shape, flat values) of nested lists and tuples of Python scalars, or None if any leaf is
    something else (an array), with NumPy's error for ragged lists."""
    if isinstance(obj, (list, tuple)):
        if not obj:
            return (0,), []
        parts = [_nested(item) for item in obj]
        if any(part is None for part in parts):
            return None
        inner = parts[0][0]
        if any(part[0] != inner for part in parts):
            raise ValueError(
                "setting an array element with a sequence. The requested array has an inhomogeneous shape: "
                "make every row the same length"
            )
        return (len(obj),) + inner, [v for part in parts for v in part[1]]
    if isinstance(obj, (bool, int, float)):
        return (), [obj]
    return None


def _scalar_dtype(values):
    if all(isinstance(v, bool) for v in values):
        return D.BOOL
    if all(isinstance(v, int) for v in values):
        return D.INT32
    return D.FLOAT32


def _fill_values(values, dtype):
    if dtype.kind == "f":
        return [float(v) for v in values]
    if dtype.kind == "b":
        return [bool(v) for v in values]
    ints = [int(v) for v in values]
    if dtype is D.UINT8:
        for v in ints:
            if not 0 <= v < 256:
                raise OverflowError(f"Python integer {v} out of bounds for uint8")
        return ints
    if any(not -(2**31) <= v < 2**31 for v in ints):
        raise OverflowError("a value does not fit in int32, the widest integer TF.js has: use floats (np.float32)")
    return ints


def asarray(obj, dtype=None):
    """`obj` as an ndarray: the array itself when it already is one of `dtype`."""
    dtype = None if dtype is None else D.as_dtype(dtype)
    if isinstance(obj, ndarray):
        return obj if dtype is None or obj.dtype is dtype else obj.astype(dtype)
    if hasattr(obj, "_tensor") and callable(obj._tensor):  # a tensor wrapper from the course's Keras
        return asarray(from_tensor(bridge.clone(obj._tensor())), dtype)
    if bridge.isTensor(obj):
        return asarray(from_tensor(bridge.clone(obj)), dtype)
    if isinstance(obj, range):
        obj = list(obj)
    nested = _nested(obj)
    if nested is None:
        if isinstance(obj, (list, tuple)):
            from ._functions import stack

            return stack([asarray(item) for item in obj]).astype(dtype) if dtype else stack([asarray(i) for i in obj])
        if isinstance(obj, (str, bytes, dict, set)) or obj is None:
            raise not_in_course(f"an array of {type(obj).__name__}", "arrays here hold numbers: float32, int32, uint8 or bool")
        raise TypeError(f"np.array: cannot make an array from {type(obj).__name__}; give numbers or lists of numbers")
    shape, values = nested
    dtype = dtype or (D.FLOAT32 if not values else _scalar_dtype(values))
    tensor = call("np.array", bridge.fromValues, js(_fill_values(values, dtype)), js(list(shape)), dtype.tensor)
    return wrap(tensor, dtype)


def broadcast_shapes(a, b):
    """NumPy's broadcasting of two shapes, with its message when they do not broadcast."""
    out = []
    for x, y in zip(reversed((1,) * (len(b) - len(a)) + tuple(a)), reversed((1,) * (len(a) - len(b)) + tuple(b))):
        if x != y and 1 not in (x, y):
            raise ValueError(f"operands could not be broadcast together with shapes {_shape_text(a)} {_shape_text(b)} ")
        out.append(y if x == 1 else x)
    return tuple(reversed(out))


def _shape_text(shape):
    return "(" + ",".join(str(n) for n in shape) + ("," if len(shape) == 1 else "") + ")"


def _operand(value):
    """(tensor or Python number, dtype or None for a Python scalar, shape)."""
    if isinstance(value, ndarray):
        return value._t, value._dtype, value._shape
    if isinstance(value, (bool, int, float)):
        return value, None, ()
    array = asarray(value)
    return array._t, array._dtype, array._shape


_LOGICAL = ("and", "or", "xor")


def binary(op, a, b):
    """a <op> b with NumPy's broadcasting and dtype promotion (as far as TF.js's dtypes go)."""
    if not isinstance(a, (ndarray, bool, int, float, list, tuple)) or not isinstance(b, (ndarray, bool, int, float, list, tuple)):
        return NotImplemented
    ta, da, sa = _operand(a)
    tb, db, sb = _operand(b)
    broadcast_shapes(sa, sb)
    if da is None:
        dtype = D.weak(db, a)
    elif db is None:
        dtype = D.weak(da, b)
    else:
        dtype = D.promote(da, db)
    if op in _LOGICAL:
        if dtype is not D.BOOL:
            raise not_in_course(f"bitwise {op} on {dtype} arrays", "use &, | and ^ on bool arrays, such as (X > 0) & (X < 1)")
    elif op == "div":
        dtype = D.FLOAT32
    elif dtype is D.BOOL:
        dtype = D.INT32
    wrap8 = dtype is D.UINT8
    if isinstance(ta, int) and not isinstance(ta, bool) and dtype.kind in "iu" and not -(2**31) <= ta < 2**31:
        raise OverflowError(f"{ta} does not fit in int32: use a float")
    return wrap(call(f"np array {op}", bridge.binary, op, ta, tb, dtype.tensor, wrap8), dtype)


def compare(op, a, b):
    if not isinstance(b, (ndarray, bool, int, float, list, tuple)):
        return NotImplemented
    ta, da, sa = _operand(a)
    tb, db, sb = _operand(b)
    broadcast_shapes(sa, sb)
    dtype = D.weak(da, b) if db is None else D.promote(da, db)
    # TF.js compares bools as numbers.
    tensor_dtype = "int32" if dtype is D.BOOL and op not in ("eq", "ne") else dtype.tensor
    return wrap(call(f"np compare {op}", bridge.compare, op, ta, tb, tensor_dtype), D.BOOL)


def unary(op, x, dtype=None):
    """An elementwise function; `dtype` is the result's (default: the input's)."""
    x = asarray(x)
    dtype = dtype or x._dtype
    return wrap(call(f"np.{op}", bridge.unary, op, x._t, dtype.tensor), dtype)


def normalize_axes(axis, ndim):
    """None, an int or a tuple of ints as a sorted list of axes in 0..ndim-1."""
    if axis is None:
        return None
    axes = axis if isinstance(axis, (tuple, list)) else (axis,)
    out = []
    for a in axes:
        if not isinstance(a, int) or isinstance(a, bool):
            raise TypeError(f"axis must be an int or a tuple of ints, got {a!r}")
        if not -ndim <= a < ndim:
            raise AxisError(f"axis {a} is out of bounds for array of dimension {ndim}")
        out.append(a % ndim)
    if len(set(out)) != len(out):
        raise ValueError("duplicate value in 'axis'")
    return sorted(out)


def resolve_shape(size, shape):
    """A reshape target with at most one -1 worked out, or NumPy's error."""
    if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
        shape = tuple(shape[0])
    shape = tuple(int(n) for n in shape)
    if shape.count(-1) > 1:
        raise ValueError("can only specify one unknown dimension")
    known = math.prod(n for n in shape if n != -1)
    if -1 in shape:
        if known == 0 or size % known:
            raise ValueError(f"cannot reshape array of size {size} into shape {_shape_text(shape).replace('-1', '-1')}")
        shape = tuple(size // known if n == -1 else n for n in shape)
    if math.prod(shape) != size or any(n < 0 for n in shape):
        raise ValueError(f"cannot reshape array of size {size} into shape {_shape_text(shape)}")
    return shape


from ._ndarray import ndarray  # noqa: E402  (ndarray's methods use the helpers above)
