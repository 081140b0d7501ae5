"""The course's stand-in for ``keras.utils``: the modules the assignment's first cell imports
(layer_utils, vis_utils, data_utils) and ``plot_model``, which says what to use instead of a
drawing."""

from . import data_utils, layer_utils, vis_utils
from .vis_utils import model_to_dot, plot_model

SUPPORTED = ("layer_utils", "vis_utils", "data_utils", "plot_model", "model_to_dot")


def __getattr__(attr):
    if attr.startswith("_"):
        raise AttributeError(attr)
    raise ImportError(f"keras.utils has no {attr} in this course's Keras; it has {', '.join(SUPPORTED)}")
