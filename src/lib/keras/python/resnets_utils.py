"""The assignment's ``resnets_utils``, over the course's own data.

``load_dataset()`` returns what the assignment's does, shaped the same way: 1,080 training and
120 test images, 64×64×3, of 6 classes. The course cannot serve the assignment's SIGNS (photos
of hands), so these are Fashion-MNIST's first six classes, scaled to 64×64 and repeated over
three channels, as the training lab feeds ResNet-50; the notebook's ``ResNet50(input_shape=(64,
64, 3), classes=6)`` trains on them as written. ``load_dataset('fashion-mnist')`` (or 'mnist')
gives a data set whole, at 28×28×1 with 10 classes, for the lab's small ResNets
(``small_resnet('tiny')``).
"""

import _resnet_live_train as train

__all__ = ["load_dataset", "convert_to_one_hot", "small_resnet"]

_noted = False


def load_dataset(name=None):
    """The course's data, as the assignment's ``load_dataset`` returns SIGNS.

    Returns ``X_train_orig, Y_train_orig, X_test_orig, Y_test_orig, classes``:
    ``X_*_orig`` (m, 28, 28, 1) whole numbers 0–255, ``Y_*_orig`` (1, m) class indices, and
    ``classes`` the class indices 0 … 9. ``name``: 'fashion-mnist' (5,000 training and 500 test
    images), 'mnist' (8,000 and 1,000) or 'fashion-mnist-large' (20,000 and 2,000).

    Then, as in the assignment::

        X_train = X_train_orig / 255.
        Y_train = convert_to_one_hot(Y_train_orig, 10).T
    """
    global _noted
    signs = name is None
    name = "fashion-mnist" if signs else name
    if not isinstance(name, str) or name.replace("_", "-").lower() not in train.datasetNames:
        listed = ", ".join(repr(n) for n in train.datasetNames)
        raise ValueError(f"load_dataset: name={name!r} is not one of the course's datasets; use one of {listed}")
    import numpy  # before the tensors are made, so none is left without an owner

    key = name.replace("_", "-").lower()
    try:
        data = train.dataset(key, signs)
    except Exception as error:
        message = getattr(error, "message", None) or str(error)
        raise RuntimeError(f"load_dataset: {message}") from None
    arrays = [numpy.from_tensor(t) for t in (data.xTrain, data.yTrain, data.xTest, data.yTest, data.classes)]
    if not _noted:
        _noted = True
        m_train, m_test = data.xTrain.shape[0], data.xTest.shape[0]
        shape = "×".join(str(n) for n in list(data.xTrain.shape)[1:])
        scaled = ", scaled to the shape of SIGNS's photos" if signs else ""
        print(
            f"load_dataset: this is the course's {data.title}, not the assignment's SIGNS: "
            f"{m_train:,} training and {m_test:,} test images, {shape} greyscale{scaled}, "
            f"{len(data.names)} classes ({', '.join(data.names)})."
        )
    return tuple(arrays)


def convert_to_one_hot(Y, C):
    """As the assignment's: ``np.eye(C)[Y.reshape(-1)].T``, shape (C, m); the notebook then
    takes ``.T`` for Keras's (m, C)."""
    if not isinstance(C, int) or isinstance(C, bool) or C < 1:
        raise ValueError(f"convert_to_one_hot: C must be the number of classes, a positive whole number, got {C!r}")
    import numpy

    from keras._training import as_tensor

    labels = as_tensor("convert_to_one_hot", "Y", Y)
    try:
        return numpy.from_tensor(train.oneHot(labels, C))
    except Exception as error:
        message = getattr(error, "message", None) or str(error)
        raise IndexError(f"convert_to_one_hot: {message}") from None


def small_resnet(preset="tiny", residual=True):
    """The training lab's small ResNet for 28×28×1 images and 10 classes: ``'tiny'`` (two stages of
    one convolutional block) or ``'small'`` (the lab's default), or its plain twin with
    ``residual=False``. Compile it and fit it on ``load_dataset('fashion-mnist')``."""
    from keras.models import Model

    if preset not in ("tiny", "small"):
        raise ValueError(f"small_resnet: preset must be 'tiny' or 'small', got {preset!r}")
    model = Model.__new__(Model)
    model._js = train.smallResNet(preset, bool(residual))
    return model
