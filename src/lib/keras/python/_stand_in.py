"""What the course's stand-ins for modules it cannot offer share: each such module imports, as
the assignment's first cell needs, and each of its functions raises, when called, an error
that says what the course offers instead."""

# Said by every function that would draw a model.
DRAWING = "drawing a model is not in this course: call model.summary(), or see the ResNet-50 explorer on this page"
# Said by every function that would read an image file.
NO_FILES = "there are no files here: use the images from load_dataset()"


def unavailable(qualname, message):
    """A function named ``qualname`` that raises NotImplementedError with ``message``."""

    def refuse(*args, **kwargs):
        raise NotImplementedError(f"{qualname}: {message}")

    refuse.__name__ = qualname.rpartition(".")[2]
    refuse.__qualname__ = refuse.__name__
    refuse.__doc__ = f"Not in this course: {message}"
    return refuse


def any_name(module, message):
    """A module ``__getattr__`` for stand-ins of foreign modules (pydot, matplotlib.pyplot, …): any
    public name imports, and raises ``message`` when called."""

    def __getattr__(attr):
        if attr.startswith("_"):
            raise AttributeError(attr)
        return unavailable(f"{module}.{attr}", message)

    return __getattr__
