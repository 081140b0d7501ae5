"""The course's stand-in for ``keras.applications``: the modules the assignment's notebooks
import (imagenet_utils, resnet_v2), whose functions say, when called, what to use instead:
there are no pretrained models here, as the point is to build ResNet-50 yourself."""

from . import imagenet_utils, resnet_v2


def __getattr__(attr):
    if attr.startswith("_"):
        raise AttributeError(attr)
    raise ImportError(
        f"keras.applications has no {attr} in this course's Keras: pretrained models are not in this course; "
        "build ResNet50(...) yourself and train it with fit"
    )
