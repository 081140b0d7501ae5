"""The course's stand-in for ``keras.applications.imagenet_utils``: ``preprocess_input`` and
``decode_predictions`` import, and say, when called, what the course does instead."""

from _stand_in import unavailable

PREPROCESS = (
    "ImageNet preprocessing is not in this course: its images come from load_dataset(), "
    "and are scaled as the notebook scales them (X_train_orig / 255.)"
)
DECODE = "ImageNet class names are not in this course: its models predict the dataset's classes; np.argmax gives the class"

preprocess_input = unavailable("preprocess_input", PREPROCESS)
decode_predictions = unavailable("decode_predictions", DECODE)


def __getattr__(attr):
    if attr.startswith("_"):
        raise AttributeError(attr)
    raise ImportError(f"keras.applications.imagenet_utils has no {attr} in this course's Keras; it has preprocess_input and decode_predictions")
