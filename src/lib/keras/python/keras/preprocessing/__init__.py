"""The course's stand-in for ``keras.preprocessing``: ``image`` imports (see image.py)."""

from . import image


def __getattr__(attr):
    if attr.startswith("_"):
        raise AttributeError(attr)
    raise ImportError(f"keras.preprocessing has no {attr} in this course's Keras; it has image")
