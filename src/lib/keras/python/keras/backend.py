"""The two backend calls the assignment's first cell makes; this course's Keras is always
channels-last, as TF.js is."""


def set_image_data_format(data_format):
    if data_format != "channels_last":
        raise ValueError(f"set_image_data_format({data_format!r}): this course's Keras works in 'channels_last' only")


def image_data_format():
    return "channels_last"


def set_learning_phase(value):
    # The checks run the model in both modes themselves, so the phase set here changes nothing.
    if value not in (0, 1):
        raise ValueError(f"set_learning_phase({value!r}): the learning phase is 0 or 1")


class _LearningPhase:
    """``K.learning_phase()``: the key a TensorFlow 1 test cell feeds 0 under; tf.Session's run
    predicts in inference mode, which is what 0 asks for."""

    def __repr__(self):
        return "<learning phase>"


_PHASE = _LearningPhase()


def learning_phase():
    return _PHASE


def __getattr__(attr):
    if attr.startswith("_"):
        raise AttributeError(attr)
    raise ImportError(
        f"keras.backend has no {attr} in this course's Keras; it has set_image_data_format, image_data_format, set_learning_phase and learning_phase"
    )
