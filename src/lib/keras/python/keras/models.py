"""``Model(inputs=..., outputs=..., name=...)``: the layers between the inputs and the outputs,
as a TF.js LayersModel (``tf.model``), which the checks then read layer by layer; it trains as
the training lab does (``compile``, ``fit``, ``evaluate``, ``predict``: see _training.py)."""

from pyodide.ffi import JsException

from . import _support as s
from . import _training
from ._support import REQUIRED, bridge
from ._saving import load_model
from .layers import KerasTensor, tensor

SUPPORTED = (
    "name",
    "summary()",
    "count_params()",
    "compile()",
    "fit()",
    "evaluate()",
    "predict()",
    "train_on_batch()",
    "history",
)
__all__ = ["Model"]


class GraphDisconnected(Exception):
    """The outputs are not computed from the inputs alone: some path back from them ends at
    another Input. Raised by ``functional``, so callers tell this case by its type."""


def functional(inputs, outputs, name=None):
    """TF.js's ``tf.model`` over JavaScript tensors. Raises GraphDisconnected when the outputs
    do not come from the inputs alone (found from the graph, not from TF.js's message), and lets
    TF.js's other refusals (a name used twice) through as JsException."""
    if not bridge.computedFrom(inputs, outputs):
        raise GraphDisconnected()
    return bridge.model(inputs, outputs, name)


def _tensors(arg, value):
    """One tensor or a list of them, as TF.js's tf.model takes them."""
    if isinstance(value, (list, tuple)):
        if not value:
            raise ValueError(f"Model: {arg} is empty; give the tensor, such as {arg}=X")
        return s.js([tensor(f"Model's {arg}", v) for v in value])
    if not isinstance(value, KerasTensor):
        raise TypeError(f"Model: {arg} must be a tensor (or a list of them), got {s.describe(value)}")
    return value._js


class Model:
    """A functional model, which trains on the training lab's engine."""

    # Set by compile and fit. Class defaults, so that __getattr__ never sees them missing.
    optimizer = None
    loss = None
    history = None
    _js_optimizer = None
    _metric = None

    def __init__(self, *args, **kwargs):
        v = s.bind("Model", [("inputs", REQUIRED), ("outputs", REQUIRED), ("name", None)], 2, args, kwargs)
        inputs = _tensors("inputs", v["inputs"])
        outputs = _tensors("outputs", v["outputs"])
        name = s.name("Model", v["name"])
        try:
            self._js = functional(inputs, outputs, name)
        except GraphDisconnected:
            # TF.js's own message names internal objects ("[object Object]"); this says what to do.
            raise ValueError(
                "Model: the outputs are not computed from the inputs; build every layer on the tensor "
                "given as inputs (X_input), rather than on a new Input"
            ) from None
        except JsException as error:
            raise ValueError(f"Model: {error.message}") from None

    @property
    def name(self):
        return self._js.name

    def count_params(self):
        return int(self._js.countParams())

    def summary(self):
        # TF.js formats the table; its lines are printed here, so print() output stays in order.
        for line in bridge.summary(self._js):
            print(line)

    def compile(self, *args, **kwargs):
        """``compile(optimizer='adam', loss='categorical_crossentropy', metrics=['accuracy'])``:
        Adam or SGD (keras.optimizers), categorical cross-entropy, accuracy."""
        v = s.bind("compile", [("optimizer", "rmsprop"), ("loss", None), ("metrics", None)], 3, args, kwargs)
        _training.compile_model(self, v["optimizer"], v["loss"], v["metrics"])

    def fit(self, *args, **kwargs):
        """Trains on x (m, H, W, C) and one-hot y (m, classes); returns a History whose
        ``.history`` holds 'loss', 'accuracy' (and 'val_loss', 'val_accuracy'), one value per epoch."""
        params = [
            ("x", None),
            ("y", None),
            ("batch_size", None),
            ("epochs", 1),
            ("verbose", 1),
            ("callbacks", None),
            ("validation_split", 0.0),
            ("validation_data", None),
            ("shuffle", True),
        ]
        v = s.bind("fit", params, 9, args, kwargs)
        return _training.fit(self, **v)

    def evaluate(self, *args, **kwargs):
        """``[loss, accuracy]`` over x and one-hot y (the loss alone when compiled without metrics)."""
        v = s.bind("evaluate", [("x", None), ("y", None), ("batch_size", None), ("verbose", 1)], 4, args, kwargs)
        return _training.evaluate(self, **v)

    def predict(self, *args, **kwargs):
        """The model's outputs for x (m, H, W, C): an array (m, classes) of class probabilities."""
        v = s.bind("predict", [("x", None), ("batch_size", None), ("verbose", 0)], 3, args, kwargs)
        _training.verbosity("predict", v["verbose"])
        return _training.predict(self, v["x"], v["batch_size"])

    def train_on_batch(self, *args, **kwargs):
        """One step on all of x and y: ``[loss, accuracy]``."""
        v = s.bind("train_on_batch", [("x", None), ("y", None)], 2, args, kwargs)
        return _training.train_on_batch(self, v["x"], v["y"])

    def __repr__(self):
        return f"<Model name={self.name!r}>"

    def __getattr__(self, attr):
        if attr.startswith("_"):
            raise AttributeError(attr)
        raise AttributeError(
            f"Model has no {attr} in this course's Keras; it has {', '.join(SUPPORTED)}"
        )


def __getattr__(attr):
    if attr.startswith("_"):
        raise AttributeError(attr)
    raise ImportError(f"keras.models has no {attr} in this course's Keras; it has Model")
