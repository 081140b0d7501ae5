"""The course's stand-in for ``keras.utils.vis_utils``: ``plot_model`` and ``model_to_dot``
import, and say, when called, that drawing a model is not in this course and what to use."""

from _stand_in import DRAWING, unavailable

plot_model = unavailable("plot_model", DRAWING)
model_to_dot = unavailable("model_to_dot", DRAWING)


def __getattr__(attr):
    if attr.startswith("_"):
        raise AttributeError(attr)
    raise ImportError(f"keras.utils.vis_utils has no {attr} in this course's Keras; it has plot_model and model_to_dot")
