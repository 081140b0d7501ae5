"""``tensorflow.keras`` is this course's Keras, under the name the assignment's notebooks use.

The submodules are the very same module objects, so ``tensorflow.keras.layers.Conv2D`` is
``keras.layers.Conv2D``. Nothing else of TensorFlow is here.
"""

import sys

import keras

for _name in ("layers", "models", "initializers", "backend", "optimizers", "losses", "callbacks"):
    sys.modules[f"{__name__}.keras.{_name}"] = getattr(keras, _name)
sys.modules[f"{__name__}.keras"] = keras


def __getattr__(attr):
    if attr.startswith("_"):
        raise AttributeError(attr)
    raise ImportError(f"tensorflow has no {attr} in this course's Python: only tensorflow.keras is here")
