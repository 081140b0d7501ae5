"""NumPy's functions on shapes: reshape, transpose, squeeze, expand_dims, and joining arrays
(concatenate, stack, vstack, hstack)."""

import builtins

import _resnet_live_np as bridge

from . import _core as C
from . import _dtypes as D
from ._core import asarray, normalize_axes, wrap


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
