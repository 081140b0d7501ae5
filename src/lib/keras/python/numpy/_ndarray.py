"""The ndarray class: attributes, indexing, conversions, printing and its own shape methods.

The operators are in _operators.py, and the methods that call numpy's functions (sum, mean,
argmax, …) in _methods.py. Arrays here are immutable TF.js tensors underneath; ``X[i] = v`` is
supported by replacing the array's tensor with an updated copy (copy-on-write), and slices are
copies, not views.
"""

import math

import _resnet_live_np as bridge

from . import _core as C
from . import _dtypes as D
from . import _printing as P
from ._errors import not_in_course
from ._indexing import Mask, plan
from ._methods import FunctionMethods
from ._operators import Operators


def _nest(values, shape):
    if not shape:
        return values[0]
    step = math.prod(shape[1:])
    return [_nest(values[i * step : (i + 1) * step], shape[1:]) for i in range(shape[0])]


def _js_plan(selection):
    """An index plan for TF.js: the index arrays' tensors instead of the arrays (which the plan
    keeps alive until the call returns)."""
    takes = [{"axis": t["axis"], "indices": t["indices"]._t} for t in selection["takes"]]
    return C.js({**selection, "takes": takes})


class ndarray(FunctionMethods, Operators):
    """An n-dimensional array of float32, int32, uint8 or bool over one TF.js tensor."""

    __slots__ = ("_t", "_shape", "_dtype", "__weakref__")
    __hash__ = None  # as NumPy's: == gives an array, so arrays cannot be dict keys

    def __new__(cls, shape, dtype=float):
        from ._functions import zeros

        return zeros(shape, dtype)

    def __del__(self):
        tensor = getattr(self, "_t", None)
        if tensor is not None:
            self._t = None
            try:
                bridge.dispose(tensor)
            except Exception:  # the runtime is shutting down; TF.js went with it
                pass

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        raise not_in_course(
            f"ndarray.{name}",
            "its arrays have shape, ndim, size, dtype, T, reshape, transpose, astype, squeeze, flatten, "
            "sum, mean, max, min, argmax, argmin, std, round, clip, dot, copy, item and tolist",
        )

    # --- what an array is -------------------------------------------------------------
    def _tensor(self):
        """The tf.Tensor this array owns. Do not dispose it; clone it to keep it past the array."""
        return self._t

    @property
    def shape(self):
        return self._shape

    @property
    def ndim(self):
        return len(self._shape)

    @property
    def size(self):
        return math.prod(self._shape)

    @property
    def dtype(self):
        return self._dtype

    @property
    def itemsize(self):
        return self._dtype.itemsize

    @property
    def nbytes(self):
        return self.size * self._dtype.itemsize

    @property
    def T(self):
        return self.transpose()

    def __len__(self):
        if not self._shape:
            raise TypeError("len() of unsized object")
        return self._shape[0]

    def __iter__(self):
        if not self._shape:
            raise TypeError("iteration over a 0-d array")
        return (self[i] for i in range(self._shape[0]))

    # --- values out -------------------------------------------------------------------
    def _values(self, tensor=None):
        values = C.call("reading an array", bridge.values, tensor or self._t).to_py()
        kind = self._dtype.kind
        if kind == "f":
            return [float(v) for v in values]
        if kind == "b":
            return [bool(v) for v in values]
        return [int(v) for v in values]

    def tolist(self):
        return _nest(self._values(), self._shape)

    def item(self, *index):
        if index:
            return self.reshape(-1)[index[0] if len(index) == 1 else index].item()
        if self.size != 1:
            raise ValueError("can only convert an array of size 1 to a Python scalar")
        return self._values()[0]

    def _scalar(self, to):
        if self.size != 1:
            raise TypeError(f"only arrays of size 1 can be converted to Python scalars; this one has shape {self._shape}")
        return to(self._values()[0])

    def __float__(self):
        return self._scalar(float)

    def __int__(self):
        return self._scalar(int)

    def __index__(self):
        if self._shape or self._dtype.kind not in "iub":
            raise TypeError("only integer scalar arrays can be converted to a scalar index")
        return int(self._values()[0])

    def __bool__(self):
        if self.size != 1:
            raise ValueError(
                "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()"
            )
        return bool(self._values()[0])

    def __round__(self, ndigits=None):
        if not self._shape and ndigits is None:
            return round(self.item())
        from ._functions import round_

        return round_(self, ndigits or 0)

    def __format__(self, spec):
        if self.size == 1 and spec:
            return format(self.item(), spec)
        return format(str(self), spec)

    def __copy__(self):
        return self.copy()

    def __deepcopy__(self, memo):
        return self.copy()

    def __reduce__(self):
        raise TypeError("arrays of the course's numpy live in TF.js and cannot be pickled")

    # --- printing ---------------------------------------------------------------------
    def _shown(self):
        """The entries printing shows, as nested lists: all, or the edges of a large array."""
        edge = P.OPTIONS["edgeitems"]
        if self.size <= P.OPTIONS["threshold"]:
            return self.tolist()
        shape = [2 * edge if n > 2 * edge else n for n in self._shape]
        tensor = C.call("printing", bridge.edges, self._t, edge)
        try:
            return _nest(self._values(tensor), shape)
        finally:
            bridge.dispose(tensor)

    def __repr__(self):
        return P.array_repr(self._shown() if self.size else [], self._shape, self._dtype.name, self._dtype.kind)

    def __str__(self):
        if not self._shape:
            return P.scalar_text(self.item(), self._dtype.kind)
        return P.array_text(self._shown() if self.size else [], self._shape, self._dtype.kind)

    def _course_display(self):
        """How a notebook cell shows this array as its value (the kernel's DisplayData 'tensor')."""
        return {"kind": "tensor", "shape": repr(self._shape), "dtype": self._dtype.name, "text": str(self)}

    # --- indexing ---------------------------------------------------------------------
    def __getitem__(self, key):
        selection = plan(self._shape, key, ndarray, C.asarray)
        if isinstance(selection, Mask):
            return C.wrap(C.call("X[mask]", bridge.mask, self._t, selection.array._t), self._dtype)
        return C.wrap(C.call("X[...]", bridge.index, self._t, _js_plan(selection)), self._dtype)

    def __setitem__(self, key, value):
        selection = plan(self._shape, key, ndarray, C.asarray)
        if isinstance(selection, Mask):
            if not isinstance(value, (bool, int, float)):
                raise not_in_course(
                    "assigning an array through a boolean mask", "write X = np.where(mask, values, X) instead"
                )
            tensor = C.call("X[mask] = v", bridge.assignMask, self._t, selection.array._t, value)
        else:
            value = C.asarray(value).astype(self._dtype)
            C.broadcast_shapes(value.shape, tuple(selection["shape"]))
            if len(value.shape) > len(selection["shape"]):
                raise ValueError(
                    f"could not broadcast input array from shape {value.shape} into shape {tuple(selection['shape'])}"
                )
            tensor = C.call("X[...] = v", bridge.assign, self._t, _js_plan(selection), value._t)
        old, self._t = self._t, tensor
        bridge.dispose(old)

    def __contains__(self, value):
        return bool((self == value).any())

    # --- methods ----------------------------------------------------------------------
    def numpy(self):
        """This array, as a TF tensor's .numpy() would give it, so test cells written for either work."""
        return self

    def copy(self):
        return C.wrap(bridge.clone(self._t), self._dtype)

    def astype(self, dtype):
        dtype = D.as_dtype(dtype)
        source = self._t
        if dtype is D.UINT8 and self._dtype.kind == "f":
            # NumPy truncates toward zero and then wraps; TF.js's cast to int32 truncates too.
            return C.wrap(C.call("astype", bridge.cast, source, "int32", True), dtype)
        return C.wrap(C.call("astype", bridge.cast, source, dtype.tensor, dtype is D.UINT8), dtype)

    def reshape(self, *shape, order="C"):
        if order != "C":
            raise not_in_course(f"reshape(order={order!r})", "arrays here are in C (row-major) order only")
        shape = C.resolve_shape(self.size, shape)
        return C.wrap(C.call("reshape", bridge.reshape, self._t, C.js(list(shape))), self._dtype)

    def flatten(self):
        return self.reshape(-1)

    ravel = flatten

    def transpose(self, *axes):
        if len(axes) == 1 and isinstance(axes[0], (tuple, list)):
            axes = tuple(axes[0])
        perm = list(axes) if axes else list(reversed(range(self.ndim)))
        if sorted(C.normalize_axes(tuple(perm), self.ndim) or []) != list(range(self.ndim)) or len(perm) != self.ndim:
            raise ValueError("axes don't match array")
        perm = [a % self.ndim for a in perm]
        return C.wrap(C.call("transpose", bridge.transpose, self._t, C.js(perm)), self._dtype)
