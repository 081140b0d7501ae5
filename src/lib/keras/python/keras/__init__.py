"""This course's Keras: the part of Keras the ResNet assignment uses, built on TF.js.

``from keras.layers import Conv2D`` and ``from tensorflow.keras.layers import Conv2D`` give the
same class (see tensorflow/__init__.py). Anything outside that surface raises an error that
says what is supported.
"""

from . import backend, callbacks, initializers, layers, losses, models, optimizers
from .layers import Input
from .models import Model

__version__ = "resnet-live"


def __getattr__(attr):
    if attr.startswith("_"):
        raise AttributeError(attr)
    raise ImportError(f"keras has no {attr} in this course's Keras; it has layers, models, initializers, backend, optimizers, losses, callbacks, Input and Model")
