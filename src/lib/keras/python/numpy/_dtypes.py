"""The dtypes of the course's numpy: float32, int32, uint8 and bool, what TF.js computes in.

TF.js has no float64, int64 or uint8 tensors. float32 and int32 are TF.js's own; uint8 is kept
as a name over int32 tensors, with arithmetic wrapped into 0..255 as NumPy's is; bool is TF.js's
bool. Python's own ``float``, ``int`` and ``bool`` mean float32, int32 and bool here.
"""

from ._errors import not_in_course


class dtype:
    """A dtype: compares equal to itself, to its name ('float32') and to the type object."""

    __slots__ = ("name", "kind", "itemsize", "tensor")

    def __new__(cls, value):
        """np.dtype('float32') and np.dtype(np.int32) give the one dtype of that name."""
        return as_dtype(value)

    def __init__(self, value):
        pass  # the dtype was made once, by _make

    def __eq__(self, other):
        try:
            return as_dtype(other) is self
        except (TypeError, NotImplementedError):
            return NotImplemented

    def __hash__(self):
        return hash(self.name)

    def __repr__(self):
        return f"dtype('{self.name}')"

    def __str__(self):
        return self.name

    @property
    def type(self):
        return SCALAR_TYPES[self.name]


def _make(name, kind, itemsize, tensor):
    value = object.__new__(dtype)
    value.name = name
    value.kind = kind  # 'f', 'i', 'u' or 'b', as NumPy's dtype.kind
    value.itemsize = itemsize
    value.tensor = tensor  # the TF.js dtype that holds it
    return value


FLOAT32 = _make("float32", "f", 4, "float32")
INT32 = _make("int32", "i", 4, "int32")
UINT8 = _make("uint8", "u", 1, "int32")
BOOL = _make("bool", "b", 1, "bool")
DTYPES = {d.name: d for d in (FLOAT32, INT32, UINT8, BOOL)}


class _ScalarType(type):
    """The metaclass of np.float32 and friends: `np.float32(2)` makes a 0-d array."""

    def __call__(cls, value=0):
        from ._core import asarray

        return asarray(value, dtype=cls._dtype).astype(cls._dtype)

    def __repr__(cls):
        return f"<class 'numpy.{cls.__name__}'>"


def _scalar_type(name):
    return _ScalarType(name, (), {"_dtype": DTYPES[name], "__module__": "numpy"})


float32 = _scalar_type("float32")
int32 = _scalar_type("int32")
uint8 = _scalar_type("uint8")
bool_ = _scalar_type("bool")
SCALAR_TYPES = {"float32": float32, "int32": int32, "uint8": uint8, "bool": bool_}

# What NumPy has and TF.js does not, with what to write instead.
WIDE = {
    "float64": "float32",
    "double": "float32",
    "float16": "float32",
    "longdouble": "float32",
    "int64": "int32",
    "int16": "int32",
    "int8": "int32",
    "uint16": "int32",
    "uint32": "int32",
    "uint64": "int32",
    "complex64": None,
    "complex128": None,
    "object_": None,
    "str_": None,
}


def as_dtype(value):
    """A dtype from what NumPy accepts as one: a dtype, np.float32, 'float32', float, int, bool."""
    if isinstance(value, dtype):
        return value
    if isinstance(value, _ScalarType):
        return value._dtype
    if value is float:
        return FLOAT32
    if value is int:
        return INT32
    if value is bool:
        return BOOL
    if isinstance(value, str):
        name = {"f4": "float32", "i4": "int32", "u1": "uint8", "?": "bool", "float": "float32", "int": "int32"}.get(
            value, value
        )
        if name in DTYPES:
            return DTYPES[name]
        if name in WIDE or name == "object":
            raise _unsupported(name)
    raise TypeError(
        f"dtype {value!r} is not a dtype of this course's numpy: use np.float32, np.int32, np.uint8 or bool"
    )


def _unsupported(name):
    instead = WIDE.get(name)
    what = f"dtype {name}"
    if instead:
        return not_in_course(what, f"TF.js computes in {instead}: use np.{instead}")
    return not_in_course(what, "its arrays hold float32, int32, uint8 or bool")


def missing_type(name):
    """The error for np.float64 and other types TF.js does not have, or None if `name` is none."""
    return _unsupported(name) if name in WIDE else None


def promote(a, b):
    """The dtype of an operation on two arrays, as NumPy promotes them (no 64-bit types here)."""
    if a is b:
        return a
    if FLOAT32 in (a, b):
        return FLOAT32
    if BOOL in (a, b):
        return b if a is BOOL else a
    return INT32  # uint8 with int32


def weak(a, scalar):
    """The dtype of an array `a` with a Python scalar: the scalar takes the array's type if it can."""
    if isinstance(scalar, bool):
        return a
    if isinstance(scalar, int):
        return INT32 if a is BOOL else a
    return FLOAT32


def of_scalar(value):
    """The dtype NumPy would give a Python scalar here (float32, not float64)."""
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, int):
        return INT32
    return FLOAT32
