"""The layers the ResNet assignment uses, with Keras' arguments, as TF.js ``tf.layers`` layers.

Each class binds its arguments the way Keras does (the same names, defaults and positional
order), checks them, and makes the TF.js layer at once with the settings our TF.js reference
gives it (kernel sizes and strides as pairs, so the checks compare like with like). Names the
learner gives become the TF.js layer names unchanged: Conv2D(..., name='res2a_branch2a').
The spellings of the assignment's later versions work too: ``ReLU()``, ``X + X_shortcut``,
``layers.add([X, X_shortcut])``, ``use_bias=``, ``data_format='channels_last'`` and
``BatchNormalization(axis=3)(X, training=True)``.
"""

from . import _support as s
from ._support import REQUIRED, bridge
from .initializers import kernel_initializer

SUPPORTED = (
    "Input", "Add", "Dense", "Activation", "ReLU", "ZeroPadding2D", "BatchNormalization", "Flatten", "Conv2D",
    "AveragePooling2D", "MaxPooling2D", "GlobalMaxPooling2D", "GlobalAveragePooling2D", "Dropout", "add",
)
# What `from keras.layers import *` brings: the layers, not this module's helpers.
__all__ = [*SUPPORTED]


class KerasTensor:
    """The symbolic output of a layer: what ``Input(...)`` and ``Conv2D(...)(X)`` return."""

    __slots__ = ("_js",)

    def __init__(self, js_tensor):
        self._js = js_tensor

    @property
    def shape(self):
        """The shape with the batch axis, as Keras gives it: (None, 4, 4, 6)."""
        return s.shape_of(self._js.shape)

    def __repr__(self):
        return f"<KerasTensor shape={s.format_shape(self.shape)}>"

    def __add__(self, other):
        # An Add layer, named as Add() without a name is: the grader then reads X + X_shortcut
        # exactly as Add()([X, X_shortcut]), which is what the document's block writes.
        if isinstance(other, KerasTensor):
            return Add()([self, other])
        return _refuse_sum(other)

    def __radd__(self, other):
        return _refuse_sum(other)


def _refuse_sum(other):
    raise TypeError(
        f"a tensor is added only to another tensor of the same shape in this course's Keras, as in X + X_shortcut; "
        f"got {s.describe(other)}"
    )


def Input(*args, **kwargs):
    """The model's input: ``Input(shape=(64, 64, 3))`` or ``Input((64, 64, 3))``."""
    v = s.bind("Input", [("shape", REQUIRED), ("name", None)], 1, args, kwargs)
    shape = s.input_shape("Input", "shape", v["shape"])
    return KerasTensor(s.call_js("Input", bridge.input, s.js(shape), s.name("Input", v["name"])))


class Layer:
    """A Keras layer made as a TF.js layer; calling it on a tensor applies it."""

    _layer_kind = ""
    """The TF.js factory that makes this layer (see LAYER_FACTORIES in bridge.ts)."""
    _params = [("name", None)]
    _positional = 0

    def __init__(self, *args, **kwargs):
        owner = type(self).__name__
        values = s.bind(owner, self._params, self._positional, args, kwargs)
        config = s.without_none(self._config(owner, values))
        self._js = s.call_js(owner, bridge.layer, self._layer_kind, s.js(config))

    def _config(self, owner, v):
        return {"name": s.name(owner, v["name"])}

    @property
    def name(self):
        return self._js.name

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name!r}>"

    def __call__(self, inputs, *args, **kwargs):
        owner = type(self).__name__
        _training(owner, args, kwargs)
        x = self._inputs(owner, inputs)
        out = KerasTensor(s.call_js(f"{owner} {self.name!r}", bridge.apply, self._js, x))
        if any(d is not None and d < 1 for d in out.shape):
            # TF.js would go on with a shape of zero or less; Keras stops here, and so do we.
            raise ValueError(
                f"{owner} {self.name!r} turns {s.format_shape(inputs.shape)} into {s.format_shape(out.shape)}: "
                "its input is smaller than its window (check kernel_size, strides and padding)"
            )
        return out

    def _inputs(self, owner, inputs):
        return tensor(owner, inputs)


def _training(owner, args, kwargs):
    """Checks the call's ``training`` (by position or by name), the one setting Keras' layers take
    beside the tensor, and then leaves it out: the checks run every model in inference and in
    training mode themselves, so a phase fixed here would only hide one of the two."""
    extra = [key for key in kwargs if key != "training"]
    if len(args) > 1 or extra or (args and "training" in kwargs):
        given = extra[0] + "=..." if extra else f"{len(args) + 1} arguments"
        raise TypeError(
            f"{owner} was called with {given}: a layer takes the tensor and, if you like, training=True or False, "
            f"as in {owner}(...)(X, training=True)"
        )
    training = args[0] if args else kwargs.get("training")
    if training is not None and training not in (0, 1):
        raise ValueError(f"{owner}: training must be True, False or None, got {training!r}")


def tensor(owner, value):
    """The TF.js tensor behind ``value``, or a TypeError saying what was passed instead."""
    if isinstance(value, KerasTensor):
        return value._js
    if isinstance(value, Layer):
        raise TypeError(
            f"{owner} was called on {s.describe(value)}, not on a tensor: "
            f"apply that layer first, as in {type(value).__name__}(...)(X)"
        )
    if isinstance(value, (list, tuple)):
        raise TypeError(f"{owner} takes one tensor, not {s.describe(value)}; to add two tensors write Add()([X, X_shortcut]) or X + X_shortcut")
    raise TypeError(f"{owner} was called on {s.describe(value)}; call it on a tensor, such as the X the function receives")


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


class Add(Layer):
    _layer_kind = "add"

    def _inputs(self, owner, inputs):
        if not isinstance(inputs, (list, tuple)) or len(inputs) < 2:
            raise TypeError(f"Add takes a list of tensors, as in Add()([X, X_shortcut]); got {s.describe(inputs)}")
        tensors = [tensor(owner, x) for x in inputs]
        shapes = [x.shape for x in inputs]
        if any(shape != shapes[0] for shape in shapes):
            listed = " and ".join(s.format_shape(shape) for shape in shapes)
            raise ValueError(f"Add needs tensors of the same shape, got {listed}")
        return s.js(tensors)


def add(inputs, **kwargs):
    """Keras' functional spelling: ``add([X, X_shortcut])`` is ``Add()([X, X_shortcut])``."""
    return Add(**kwargs)(inputs)


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


def __getattr__(attr):
    # Raised as ImportError, so that `from keras.layers import Conv3D` keeps this message.
    if attr.startswith("_"):
        raise AttributeError(attr)
    raise ImportError(f"keras.layers has no {attr} in this course's Keras; it has {', '.join(SUPPORTED)}")
