"""What every layer shares: KerasTensor (a layer's symbolic output), Input, the Layer base class
that binds Keras' arguments and makes the TF.js layer, and Add, which ``X + X_shortcut`` makes.
The layer classes themselves are in _spatial_layers.py and _core_layers.py; keras.layers gathers
them."""

from . import _support as s
from ._support import REQUIRED, bridge


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
