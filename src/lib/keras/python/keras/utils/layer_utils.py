"""The course's stand-in for ``keras.utils.layer_utils``: ``print_summary(model)`` prints what
``model.summary()`` prints."""


def print_summary(model, *args, **kwargs):
    """Prints the model's summary table, as ``model.summary()`` does."""
    summary = getattr(model, "summary", None)
    if not callable(summary):
        raise TypeError(f"print_summary takes a Model, got {type(model).__name__}")
    summary()


def __getattr__(attr):
    if attr.startswith("_"):
        raise AttributeError(attr)
    raise ImportError(f"keras.utils.layer_utils has no {attr} in this course's Keras; it has print_summary (or call model.summary())")
