"""What every part of this course's Keras shares: argument binding and checks, and the bridge.

The layers are TF.js's own (``tf.layers``), made and applied through ``_resnet_live_tf``, a
JavaScript module that src/lib/keras/bridge.ts registers. Every value crosses that border
explicitly: Python lists and dicts go through ``to_js``, JavaScript objects come back as
proxies that only this package unwraps. Errors are raised as Python errors that name the
argument, its value and what to write instead, never as a JavaScript stack.
"""

from pyodide.ffi import JsException, jsnull, to_js

import _resnet_live_tf as bridge

REQUIRED = object()
"""Default of a parameter that has none: the learner must give it."""


def js(value):
    """A Python value as JavaScript: lists and tuples become arrays, dicts plain objects."""
    return to_js(value, dict_converter=bridge.fromEntries, create_pyproxies=False)


def call_js(what, fn, *args):
    """Calls into TF.js; its errors come back as a ValueError that starts with ``what``."""
    try:
        return fn(*args)
    except JsException as error:
        raise ValueError(f"{what}: {error.message}") from None


def bind(owner, params, positional, args, kwargs):
    """Matches ``args`` and ``kwargs`` to ``params`` (pairs of name and default), as Python would.

    Only the first ``positional`` parameters may be given by position: those are the ones that
    Keras itself takes in that order, so ``Conv2D(64, (7, 7), (2, 2))`` means the same here.
    """
    names = [name for name, _ in params]
    if len(args) > positional:
        taken = ", ".join(names[:positional]) or "none"
        raise TypeError(
            f"{owner} takes at most {positional} arguments by position ({taken}), got {len(args)}: "
            f"give the others by name, e.g. {names[-1]}=..."
        )
    values = dict(zip(names, args))
    for key, value in kwargs.items():
        if key not in names:
            raise TypeError(
                f"{owner} got an unexpected argument '{key}': "
                f"this course's Keras supports {', '.join(names) or 'no arguments'}"
            )
        if key in values:
            raise TypeError(f"{owner} got two values for '{key}': one by position and one by name")
        values[key] = value
    for name, default in params:
        if name not in values:
            if default is REQUIRED:
                raise TypeError(f"{owner} is missing its argument '{name}'")
            values[name] = default
    return values


def is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def positive_int(owner, name, value):
    if not is_int(value) or value < 1:
        raise ValueError(f"{owner}: {name} must be a positive whole number, got {value!r}")
    return value


def pair(owner, name, value):
    """An int or a pair of ints, as Keras takes kernel_size, strides and pool_size: 3 → [3, 3]."""
    if is_int(value) and value >= 1:
        return [value, value]
    if isinstance(value, (tuple, list)) and len(value) == 2 and all(is_int(v) and v >= 1 for v in value):
        return list(value)
    raise ValueError(
        f"{owner}: {name} must be a positive whole number or a pair of them, such as 3 or (3, 3), got {value!r}"
    )


def choice(owner, name, value, options):
    if value not in options:
        listed = ", ".join(repr(o) for o in options)
        raise ValueError(f"{owner}: {name}={value!r} is not supported; this course's Keras supports {listed}")
    return value


def padding(owner, value):
    """'valid' or 'same'; Keras accepts any case."""
    lowered = value.lower() if isinstance(value, str) else value
    return choice(owner, "padding", lowered, ("valid", "same"))


def data_format(owner, value):
    """Keras' data_format: TF.js, and so this course's Keras, is channels-last only. Returns None,
    so the layer keeps TF.js's default (channelsLast) and its settings read as the reference's."""
    if value is None or value == "channels_last":
        return None
    raise ValueError(
        f"{owner}: data_format={value!r} is not supported; this course's Keras works in 'channels_last' "
        "only, with images shaped (height, width, channels): leave data_format out"
    )


def boolean(owner, name, value):
    if not isinstance(value, bool):
        raise ValueError(f"{owner}: {name} must be True or False, got {value!r}")
    return value


def number(owner, name, value):
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise ValueError(f"{owner}: {name} must be a number, got {value!r}")
    return float(value)


ACTIVATIONS = ("relu", "softmax", "linear", "sigmoid", "tanh", "elu", "selu", "softplus", "softsign")


def activation(owner, value, allow_none=True):
    """An activation by its Keras name, which TF.js spells the same way."""
    if value is None and allow_none:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{owner}: activation must be a name such as 'relu', got {value!r}")
    return choice(owner, "activation", value, ACTIVATIONS)


def name(owner, value):
    if value is not None and (not isinstance(value, str) or value == ""):
        raise ValueError(f"{owner}: name must be a non-empty string such as 'res2a_branch2a', got {value!r}")
    return value


def input_shape(owner, arg, value):
    """A shape without the batch axis, such as (64, 64, 3); None stands for any size."""
    if not isinstance(value, (tuple, list)) or not all(v is None or (is_int(v) and v >= 1) for v in value):
        raise ValueError(f"{owner}: {arg} must be a tuple of positive whole numbers such as (64, 64, 3), got {value!r}")
    return [jsnull if v is None else v for v in value]


def shape_of(js_shape):
    """A TF.js shape ([null, 4, 4, 6]) as Keras gives it: (None, 4, 4, 6)."""
    return tuple(None if d is jsnull or d is None else int(d) for d in js_shape)


def format_shape(shape):
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + ")"


def without_none(config):
    """Drops settings the learner left out, so TF.js applies its own default (as Keras would)."""
    return {key: value for key, value in config.items() if value is not None}


def describe(value):
    """How an error names a value of the wrong kind: 'None', 'a list', 'a Conv2D layer', …"""
    if value is None:
        return "None"
    kind = type(value).__name__
    if hasattr(value, "_layer_kind"):
        return f"a {kind} layer"
    return f"an {kind}" if kind[:1].lower() in "aeiou" else f"a {kind}"
