"""The layers that work on each position's values: Dense, Activation, ReLU, BatchNormalization
and Dropout."""

from . import _support as s
from ._layer_base import Layer
from ._support import REQUIRED
from .initializers import kernel_initializer


class BatchNormalization(Layer):
    # Made as our fused BatchNormalization class, as the TF.js reference is (see bridge.ts).
    _layer_kind = "batchNormalization"
    _params = [("axis", -1), ("momentum", 0.99), ("epsilon", 0.001), ("name", None)]
    _positional = 3

    def _config(self, owner, v):
        if not s.is_int(v["axis"]):
            raise ValueError(f"{owner}: axis must be a whole number (3 for the channels), got {v['axis']!r}")
        for arg in ("momentum", "epsilon"):
            if not isinstance(v[arg], (int, float)) or isinstance(v[arg], bool) or v[arg] < 0:
                raise ValueError(f"{owner}: {arg} must be a non-negative number, got {v[arg]!r}")
        return {"axis": v["axis"], "momentum": float(v["momentum"]), "epsilon": float(v["epsilon"]), "name": s.name(owner, v["name"])}


class Activation(Layer):
    _layer_kind = "activation"
    _params = [("activation", REQUIRED), ("name", None)]
    _positional = 1

    def _config(self, owner, v):
        return {"activation": s.activation(owner, v["activation"], allow_none=False), "name": s.name(owner, v["name"])}


class ReLU(Layer):
    """``ReLU()``: made as ``Activation('relu')``, the same function, so the checks (which find
    the document's ReLUs by class) read either spelling alike."""

    _layer_kind = "activation"

    def _config(self, owner, v):
        return {"activation": "relu", "name": s.name(owner, v["name"])}


class Dropout(Layer):
    _layer_kind = "dropout"
    _params = [("rate", REQUIRED), ("seed", None), ("name", None)]
    _positional = 1

    def _config(self, owner, v):
        rate = v["rate"]
        if not isinstance(rate, (int, float)) or isinstance(rate, bool) or not 0 <= rate < 1:
            raise ValueError(f"{owner}: rate must be a number from 0 up to (not including) 1, such as 0.5, got {rate!r}")
        if v["seed"] is not None and not s.is_int(v["seed"]):
            raise ValueError(f"{owner}: seed must be a whole number such as 0, got {v['seed']!r}")
        return {"rate": float(rate), "seed": v["seed"], "name": s.name(owner, v["name"])}


class Dense(Layer):
    _layer_kind = "dense"
    _params = [
        ("units", REQUIRED), ("activation", None), ("use_bias", True), ("name", None),
        ("kernel_initializer", "glorot_uniform"), ("input_shape", None),
    ]
    _positional = 2

    def _config(self, owner, v):
        return {
            "units": s.positive_int(owner, "units", v["units"]),
            "activation": s.activation(owner, v["activation"]),
            "useBias": s.boolean(owner, "use_bias", v["use_bias"]),
            "name": s.name(owner, v["name"]),
            "kernelInitializer": kernel_initializer(owner, v["kernel_initializer"]),
            "inputShape": None if v["input_shape"] is None else s.input_shape(owner, "input_shape", v["input_shape"]),
        }
