"""``Model(inputs=..., outputs=..., name=...)``: the layers between the inputs and the outputs,
as a TF.js LayersModel (``tf.model``), which the checks then read layer by layer."""

from pyodide.ffi import JsException

from . import _support as s
from ._support import REQUIRED, bridge
from ._saving import load_model
from .layers import KerasTensor, tensor

SUPPORTED = ("name", "summary()", "count_params()")
__all__ = ["Model"]


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
    """A functional model. Training (compile, fit, …) belongs to the training lab, not to here."""

    def __init__(self, *args, **kwargs):
        v = s.bind("Model", [("inputs", REQUIRED), ("outputs", REQUIRED), ("name", None)], 2, args, kwargs)
        inputs = _tensors("inputs", v["inputs"])
        outputs = _tensors("outputs", v["outputs"])
        name = s.name("Model", v["name"])
        try:
            self._js = bridge.model(inputs, outputs, name)
        except JsException as error:
            if "Graph disconnected" in error.message:
                # TF.js's own message names internal objects ("[object Object]"); this says what to do.
                raise ValueError(
                    "Model: the outputs are not computed from the inputs; build every layer on the tensor "
                    "given as inputs (X_input), rather than on a new Input"
                ) from None
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

    def __repr__(self):
        return f"<Model name={self.name!r}>"

    def __getattr__(self, attr):
        if attr.startswith("_"):
            raise AttributeError(attr)
        raise AttributeError(
            f"Model has no {attr} in this course's Keras: the checks build the model and train nothing; "
            f"it has {', '.join(SUPPORTED)}"
        )


def __getattr__(attr):
    if attr.startswith("_"):
        raise AttributeError(attr)
    raise ImportError(f"keras.models has no {attr} in this course's Keras; it has Model")
