"""The course's stand-in for ``keras.utils.data_utils``: ``get_file`` imports, and says, when
called, that nothing is downloaded here."""

from _stand_in import unavailable

get_file = unavailable(
    "get_file",
    "downloads are not in this course: code here reaches nothing outside this site; load_dataset() gives the course's data",
)


def __getattr__(attr):
    if attr.startswith("_"):
        raise AttributeError(attr)
    raise ImportError(f"keras.utils.data_utils has no {attr} in this course's Keras; it has get_file")
