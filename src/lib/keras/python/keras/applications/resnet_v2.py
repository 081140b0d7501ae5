"""The course's stand-in for ``keras.applications.resnet_v2``, which the assignment's later
version imports: ``ResNet50V2`` imports, and says, when called, that there are no pretrained
models here."""

from _stand_in import unavailable

from .imagenet_utils import DECODE, PREPROCESS

ResNet50V2 = unavailable(
    "ResNet50V2",
    "pretrained models are not in this course: build the model with ResNet50(...) and train it with fit",
)
preprocess_input = unavailable("preprocess_input", PREPROCESS)
decode_predictions = unavailable("decode_predictions", DECODE)


def __getattr__(attr):
    if attr.startswith("_"):
        raise AttributeError(attr)
    raise ImportError(f"keras.applications.resnet_v2 has no {attr} in this course's Keras; it has ResNet50V2, preprocess_input and decode_predictions")
