"""Kernel initialisers, as TF.js's: the assignment's ``glorot_uniform(seed=0)``, and the
``random_uniform``, ``constant`` and ``identity`` that its later versions import from
``tensorflow.keras.initializers``."""

from . import _support as s
from ._support import bridge

__all__ = [
    "glorot_uniform", "GlorotUniform", "random_uniform", "RandomUniform",
    "constant", "Constant", "identity", "Identity",
]


def _seed(owner, value):
    if value is not None and not s.is_int(value):
        raise ValueError(f"{owner}: seed must be a whole number such as 0, got {value!r}")
    return value


class Initializer:
    """An initialiser as Keras spells it; TF.js makes the real one for each layer."""

    _keras_name = ""
    _js_kind = ""
    """Its name in INITIALIZER_FACTORIES (bridge.ts)."""
    _params = []

    def __init__(self, *args, **kwargs):
        owner = self._keras_name
        self._values = s.bind(owner, self._params, len(self._params), args, kwargs)
        self._config = self._check(owner, self._values)

    def _check(self, owner, v):
        return {}

    def _to_js(self):
        # A new TF.js initialiser per layer, as our TF.js reference makes one per layer.
        return bridge.initializer(self._js_kind, s.js(s.without_none(self._config)))

    def __repr__(self):
        args = ", ".join(f"{name}={value!r}" for name, value in self._values.items())
        return f"{self._keras_name}({args})"


class GlorotUniform(Initializer):
    """Glorot (Xavier) uniform; ``seed`` makes the weights the same on every run."""

    _keras_name, _js_kind = "glorot_uniform", "glorotUniform"
    _params = [("seed", None)]

    def _check(self, owner, v):
        return {"seed": _seed(owner, v["seed"])}


class RandomUniform(Initializer):
    """Uniform in [minval, maxval), by default [-0.05, 0.05) as in Keras."""

    _keras_name, _js_kind = "random_uniform", "randomUniform"
    _params = [("minval", -0.05), ("maxval", 0.05), ("seed", None)]

    def _check(self, owner, v):
        low, high = s.number(owner, "minval", v["minval"]), s.number(owner, "maxval", v["maxval"])
        if low >= high:
            raise ValueError(f"{owner}: minval must be less than maxval, got {low!r} and {high!r}")
        return {"minval": low, "maxval": high, "seed": _seed(owner, v["seed"])}


class Constant(Initializer):
    """Every weight ``value``."""

    _keras_name, _js_kind = "constant", "constant"
    _params = [("value", 0)]

    def _check(self, owner, v):
        return {"value": s.number(owner, "value", v["value"])}


class Identity(Initializer):
    """The identity matrix times ``gain``: for square Dense kernels only, as in Keras."""

    _keras_name, _js_kind = "identity", "identity"
    _params = [("gain", 1.0)]

    def _check(self, owner, v):
        return {"gain": s.number(owner, "gain", v["gain"])}


glorot_uniform, random_uniform, constant, identity = GlorotUniform, RandomUniform, Constant, Identity

# Keras' names for initialisers given as strings, and TF.js's for the same.
_BY_NAME = {"glorot_uniform": "glorotUniform", "random_uniform": "randomUniform", "zeros": "zeros", "ones": "ones"}
_SUPPORTED = "glorot_uniform(seed=...), random_uniform(...), constant(...), identity(...), or one of " + ", ".join(
    repr(name) for name in _BY_NAME
)


def kernel_initializer(owner, value):
    """What TF.js gets for ``kernel_initializer``: Keras' default is Glorot uniform (TF.js's is
    Glorot normal), so the default is spelled out rather than left to TF.js."""
    if isinstance(value, str) and value in _BY_NAME:
        return _BY_NAME[value]
    if isinstance(value, Initializer):
        return value._to_js()
    if isinstance(value, type) and issubclass(value, Initializer):
        # Keras would call it with no seed; the course asks for the call, so the seed is seen.
        raise TypeError(
            f"{owner}: kernel_initializer={value._keras_name} must be called, as in {value._keras_name}(seed=0)"
            if ("seed", None) in value._params
            else f"{owner}: kernel_initializer={value._keras_name} must be called, as in {value._keras_name}()"
        )
    raise ValueError(f"{owner}: kernel_initializer={value!r} is not supported; this course's Keras supports {_SUPPORTED}")


def __getattr__(attr):
    if attr.startswith("_"):
        raise AttributeError(attr)
    raise ImportError(
        f"keras.initializers has no {attr} in this course's Keras; it has glorot_uniform, random_uniform, constant and identity"
    )
