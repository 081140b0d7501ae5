"""The course's stand-in for ``keras.preprocessing.image``: ``load_img`` and ``img_to_array``
import, and say, when called, that there are no image files here."""

from _stand_in import NO_FILES, unavailable

load_img = unavailable("load_img", f"loading image files is not in this course: {NO_FILES}")
img_to_array = unavailable("img_to_array", f"image files are not in this course: {NO_FILES}, which are arrays already")


def __getattr__(attr):
    if attr.startswith("_"):
        raise AttributeError(attr)
    raise ImportError(f"keras.preprocessing.image has no {attr} in this course's Keras; it has load_img and img_to_array")
