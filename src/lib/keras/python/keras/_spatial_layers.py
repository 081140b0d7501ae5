"""The layers that work on the image's grid: Conv2D, ZeroPadding2D, the pooling layers (max,
average and their global forms) and Flatten."""

from . import _support as s
from ._layer_base import Layer
from ._support import REQUIRED
from .initializers import kernel_initializer


class Conv2D(Layer):
    _layer_kind = "conv2d"
    _params = [
        ("filters", REQUIRED), ("kernel_size", REQUIRED), ("strides", (1, 1)), ("padding", "valid"), ("data_format", None),
        ("activation", None), ("use_bias", True), ("name", None), ("kernel_initializer", "glorot_uniform"), ("input_shape", None),
    ]
    _positional = 4

    def _config(self, owner, v):
        return {
            "filters": s.positive_int(owner, "filters", v["filters"]),
            "kernelSize": s.pair(owner, "kernel_size", v["kernel_size"]),
            "strides": s.pair(owner, "strides", v["strides"]),
            "padding": s.padding(owner, v["padding"]),
            "dataFormat": s.data_format(owner, v["data_format"]),
            "activation": s.activation(owner, v["activation"]),
            "useBias": s.boolean(owner, "use_bias", v["use_bias"]),
            "name": s.name(owner, v["name"]),
            "kernelInitializer": kernel_initializer(owner, v["kernel_initializer"]),
            "inputShape": None if v["input_shape"] is None else s.input_shape(owner, "input_shape", v["input_shape"]),
        }


class ZeroPadding2D(Layer):
    _layer_kind = "zeroPadding2d"
    _params = [("padding", (1, 1)), ("data_format", None), ("name", None)]
    _positional = 1

    def _config(self, owner, v):
        p = v["padding"]
        if s.is_int(p) and p >= 0:
            p = [p, p]
        ok_pair = lambda q: isinstance(q, (tuple, list)) and len(q) == 2 and all(s.is_int(n) and n >= 0 for n in q)
        if ok_pair(p):
            padding = list(p)
        elif isinstance(p, (tuple, list)) and len(p) == 2 and all(ok_pair(q) for q in p):
            padding = [list(q) for q in p]
        else:
            raise ValueError(f"{owner}: padding must be a whole number, a pair such as (3, 3), or ((top, bottom), (left, right)); got {p!r}")
        return {"padding": padding, "dataFormat": s.data_format(owner, v["data_format"]), "name": s.name(owner, v["name"])}


class _Pooling2D(Layer):
    _params = [("pool_size", (2, 2)), ("strides", None), ("padding", "valid"), ("data_format", None), ("name", None)]
    _positional = 3

    def _config(self, owner, v):
        return {
            "poolSize": s.pair(owner, "pool_size", v["pool_size"]),
            # None: as Keras, the window's own size, which is also TF.js's default.
            "strides": None if v["strides"] is None else s.pair(owner, "strides", v["strides"]),
            "padding": s.padding(owner, v["padding"]),
            "dataFormat": s.data_format(owner, v["data_format"]),
            "name": s.name(owner, v["name"]),
        }


class MaxPooling2D(_Pooling2D):
    _layer_kind = "maxPooling2d"


class AveragePooling2D(_Pooling2D):
    _layer_kind = "averagePooling2d"


class _GlobalPooling2D(Layer):
    _params = [("data_format", None), ("name", None)]
    _positional = 1

    def _config(self, owner, v):
        return {"dataFormat": s.data_format(owner, v["data_format"]), "name": s.name(owner, v["name"])}


class GlobalMaxPooling2D(_GlobalPooling2D):
    _layer_kind = "globalMaxPooling2d"


class GlobalAveragePooling2D(_GlobalPooling2D):
    _layer_kind = "globalAveragePooling2d"


class Flatten(Layer):
    _layer_kind = "flatten"
    _params = [("data_format", None), ("name", None)]
    _positional = 1

    def _config(self, owner, v):
        return {"dataFormat": s.data_format(owner, v["data_format"]), "name": s.name(owner, v["name"])}
