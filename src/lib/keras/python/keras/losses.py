"""The one loss the training lab trains with: categorical cross-entropy, on one-hot labels.

``model.compile`` takes it by name (``'categorical_crossentropy'``), as the function
``categorical_crossentropy`` or as ``CategoricalCrossentropy()``; TF.js computes it.
"""

from . import _support as s

SUPPORTED = "'categorical_crossentropy' (one-hot labels, softmax outputs)"
__all__ = ["categorical_crossentropy", "CategoricalCrossentropy", "get"]


def categorical_crossentropy(y_true, y_pred):
    """Named in ``compile(loss=categorical_crossentropy)``; the course computes it in TF.js."""
    raise NotImplementedError(
        "categorical_crossentropy is for model.compile(loss=...) in this course's Keras; "
        "to measure a model, call model.evaluate(X, Y)"
    )


class CategoricalCrossentropy:
    """As ``tf.keras.losses.CategoricalCrossentropy()``, on probabilities (a softmax output)."""

    def __init__(self, *args, **kwargs):
        params = [("from_logits", False), ("label_smoothing", 0.0), ("name", "categorical_crossentropy")]
        v = s.bind("CategoricalCrossentropy", params, 2, args, kwargs)
        if v["from_logits"] is not False:
            raise ValueError(
                "CategoricalCrossentropy: from_logits=True is not supported; end the model with "
                "Dense(classes, activation='softmax') and leave from_logits=False"
            )
        if v["label_smoothing"] != 0:
            raise ValueError("CategoricalCrossentropy: label_smoothing is not supported; leave it at 0")
        self.name = v["name"]

    def __repr__(self):
        return "CategoricalCrossentropy()"


_NAMES = ("categorical_crossentropy", "categoricalcrossentropy")


def get(identifier):
    """'categorical_crossentropy' when ``identifier`` names it in any of Keras's ways."""
    if identifier is categorical_crossentropy or isinstance(identifier, CategoricalCrossentropy):
        return "categorical_crossentropy"
    if isinstance(identifier, str) and identifier.lower() in _NAMES:
        return "categorical_crossentropy"
    if identifier is None:
        raise ValueError("compile: give a loss, such as loss='categorical_crossentropy'")
    raise ValueError(
        f"compile: loss={identifier!r} is not supported; this course's Keras trains with {SUPPORTED}"
    )


def __getattr__(attr):
    if attr.startswith("_"):
        raise AttributeError(attr)
    raise ImportError(
        f"keras.losses has no {attr} in this course's Keras; it has categorical_crossentropy and CategoricalCrossentropy"
    )
