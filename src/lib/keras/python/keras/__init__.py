"""This course's Keras: the part of Keras the ResNet assignment uses, built on TF.js.

``from keras.layers import Conv2D`` and ``from tensorflow.keras.layers import Conv2D`` give the
same class (see tensorflow/__init__.py). Anything outside that surface raises an error that
says what is supported; modules the assignment imports but the course cannot offer
(``keras.utils.vis_utils``, ``keras.preprocessing.image``, …) import, and say what to use
instead when their functions are called.
"""

import importlib
import importlib.util

from . import backend, callbacks, initializers, layers, losses, models, optimizers
from .layers import Input
from .models import Model

__version__ = "resnet-live"


def __getattr__(attr):
    if attr.startswith("_"):
        raise AttributeError(attr)
    # ``keras.utils`` or ``tf.keras.optimizers`` without importing them first, as Keras allows:
    # any submodule of this package is loaded on first use.
    if importlib.util.find_spec(f"{__name__}.{attr}") is not None:
        return importlib.import_module(f"{__name__}.{attr}")
    raise ImportError(
        f"keras has no {attr} in this course's Keras; it has layers, models, initializers, backend, optimizers, losses, callbacks, utils, "
        "preprocessing, applications, Input and Model"
    )
