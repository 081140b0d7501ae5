"""Kernel initialisers: the assignment's ``glorot_uniform(seed=0)``, as TF.js's glorotUniform."""

from . import _support as s
from ._support import bridge

__all__ = ["glorot_uniform", "GlorotUniform"]


class GlorotUniform:
    """Glorot (Xavier) uniform; ``seed`` makes the weights the same on every run."""

    def __init__(self, *args, **kwargs):
        v = s.bind("glorot_uniform", [("seed", None)], 1, args, kwargs)
        if v["seed"] is not None and not s.is_int(v["seed"]):
            raise ValueError(f"glorot_uniform: seed must be a whole number such as 0, got {v['seed']!r}")
        self.seed = v["seed"]

    def _to_js(self):
        # A new TF.js initialiser per layer, as our TF.js reference makes one per layer.
        return bridge.glorotUniform(self.seed)

    def __repr__(self):
        return f"glorot_uniform(seed={self.seed!r})"


glorot_uniform = GlorotUniform


def kernel_initializer(owner, value):
    """What TF.js gets for ``kernel_initializer``: Keras' default is Glorot uniform (TF.js's is
    Glorot normal), so the default is spelled out rather than left to TF.js."""
    if value == "glorot_uniform":
        return "glorotUniform"
    if isinstance(value, GlorotUniform):
        return value._to_js()
    if isinstance(value, type) and issubclass(value, GlorotUniform):
        raise TypeError(f"{owner}: kernel_initializer=glorot_uniform must be called, as in glorot_uniform(seed=0)")
    raise ValueError(
        f"{owner}: kernel_initializer={value!r} is not supported; "
        "this course's Keras supports glorot_uniform(seed=...) and 'glorot_uniform'"
    )


def __getattr__(attr):
    if attr.startswith("_"):
        raise AttributeError(attr)
    raise ImportError(f"keras.initializers has no {attr} in this course's Keras; it has glorot_uniform and GlorotUniform")
