"""The layers the ResNet assignment uses, with Keras' arguments, as TF.js ``tf.layers`` layers.

Each class binds its arguments the way Keras does (the same names, defaults and positional
order), checks them, and makes the TF.js layer at once with the settings our TF.js reference
gives it (kernel sizes and strides as pairs, so the checks compare like with like). Names the
learner gives become the TF.js layer names unchanged: Conv2D(..., name='res2a_branch2a').
The spellings of the assignment's later versions work too: ``ReLU()``, ``X + X_shortcut``,
``layers.add([X, X_shortcut])``, ``use_bias=``, ``data_format='channels_last'`` and
``BatchNormalization(axis=3)(X, training=True)``.

This module gathers them: the base (KerasTensor, Input, Layer, Add) is in _layer_base.py, the
grid's layers (convolution, padding, pooling, Flatten) in _spatial_layers.py, and the others
(Dense, activations, BatchNormalization, Dropout) in _core_layers.py.
"""

from ._core_layers import Activation, BatchNormalization, Dense, Dropout, ReLU
from ._layer_base import Add, Input, KerasTensor, Layer, add, tensor
from ._spatial_layers import (
    AveragePooling2D,
    Conv2D,
    Flatten,
    GlobalAveragePooling2D,
    GlobalMaxPooling2D,
    MaxPooling2D,
    ZeroPadding2D,
)

SUPPORTED = (
    "Input", "Add", "Dense", "Activation", "ReLU", "ZeroPadding2D", "BatchNormalization", "Flatten", "Conv2D",
    "AveragePooling2D", "MaxPooling2D", "GlobalMaxPooling2D", "GlobalAveragePooling2D", "Dropout", "add",
)
# What `from keras.layers import *` brings: the layers, not this module's helpers.
__all__ = [*SUPPORTED]

# They print and pickle as keras.layers.Conv2D, …, where the learner imports them from, not as
# the private module that holds them.
for _public in (KerasTensor, Layer, *(globals()[_name] for _name in SUPPORTED)):
    _public.__module__ = __name__
del _public


def __getattr__(attr):
    # Raised as ImportError, so that `from keras.layers import Conv3D` keeps this message.
    if attr.startswith("_"):
        raise AttributeError(attr)
    raise ImportError(f"keras.layers has no {attr} in this course's Keras; it has {', '.join(SUPPORTED)}")
