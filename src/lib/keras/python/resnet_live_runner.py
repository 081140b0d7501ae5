"""Runs a learner's Keras cell and builds its exercise's model, for src/lib/keras/runtime.ts.

Grading is a step after a run: the cell runs as the kernel runs any cell
(resnet_live_kernel.run_cell: same compile, same skipped magics, same errors), but as its own
file ``<cell>`` in a fresh namespace that already holds what the assignment's first cell
imports, so nothing carries over from other cells or runs. The exercise's function is then
called on the exercise's case, as the TF.js cells are, and the result goes back to JavaScript as
one plain object: the TF.js model, or an error with its Python type, message and the learner's
line.

``kernel()`` gives the page's kernel: one namespace, with the same imports, that cells share.
"""

import json
import os
import traceback

from pyodide.ffi import JsException

import _resnet_live_tf as bridge
from resnet_live_kernel import Kernel, cell_error, flush, fresh_namespace, run_cell, watch_lines  # noqa: F401
from keras import _support as support
from keras.layers import Input, KerasTensor, tensor
from keras.models import GraphDisconnected, Model, functional

CELL = "<cell>"

# The exercises as the course describes them once (src/lib/grading/exercises.ts, forPython):
# runtime.ts writes the description beside this file, so the names here cannot drift from it.
with open(os.path.join(os.path.dirname(__file__), "resnet_live_exercises.json"), encoding="utf-8") as _file:
    _EXERCISES = json.load(_file)

FUNCTIONS = _EXERCISES["functions"]
FILTER_NAMES = _EXERCISES["filters"]["names"]
FILTERS_RULE = _EXERCISES["filters"]["rule"]

# The assignment's own imports (its first cell), so a cell may start at the def line.
PRELUDE = (
    "import numpy as np\n"
    "from resnets_utils import *\n"
    "from keras.layers import Input, Add, Dense, Activation, ZeroPadding2D, BatchNormalization, "
    "Flatten, Conv2D, AveragePooling2D, MaxPooling2D, GlobalMaxPooling2D\n"
    "from keras.models import Model, load_model\n"
    "from keras.initializers import glorot_uniform, random_uniform, constant, identity\n"
)


def _reference_args(owner, f, filters, stage, block):
    filters = list(filters) if isinstance(filters, (list, tuple)) else filters
    if not isinstance(filters, list) or len(filters) != len(FILTER_NAMES):
        raise ValueError(f"{owner}: filters must be {FILTERS_RULE}, got {filters!r}")
    for value in filters:
        support.positive_int(owner, "each of filters", value)
    if not isinstance(block, str):
        raise ValueError(f"{owner}: block must be a letter such as 'a', got {block!r}")
    return support.positive_int(owner, "f", f), support.js(filters), support.positive_int(owner, "stage", stage), block


def identity_block(X, f, filters, stage, block):
    """The reference identity block (src/lib/resnet), which the ResNet50 exercise builds on."""
    args = _reference_args("identity_block", f, filters, stage, block)
    return KerasTensor(support.call_js("identity_block", bridge.identityBlock, tensor("identity_block", X), *args))


def convolutional_block(X, f, filters, stage, block, s=2):
    """The reference convolutional block (src/lib/resnet), which the ResNet50 exercise builds on."""
    args = _reference_args("convolutional_block", f, filters, stage, block)
    stride = support.positive_int("convolutional_block", "s", s)
    return KerasTensor(support.call_js("convolutional_block", bridge.convolutionalBlock, tensor("convolutional_block", X), *args, stride))


def _message(error):
    """Python's own one-line message, with its suggestions ("Did you mean: 'X_shortcut'?")."""
    # From the exception with its traceback: only then can Python suggest a name from the frame.
    text = "".join(traceback.TracebackException.from_exception(error).format_exception_only()).strip()
    head, sep, rest = text.partition(": ")
    message = rest if sep and head.split(".")[-1] == type(error).__name__ else text
    if isinstance(error, ModuleNotFoundError) and error.name not in ("keras", "tensorflow"):
        message += (
            " — this course's Python has keras, tensorflow.keras, a small numpy, and stand-ins for the "
            "assignment's other imports (pydot, IPython.display, matplotlib, scipy.misc)"
        )
    return message


def _build_error(error, fn=None):
    """A cell error as the grader reports it (KerasError in runtime.ts): no traceback, the page's
    stop as a timeout, and a call with the wrong arguments at the def line of the function."""
    found = {key: value for key, value in error.items() if key != "traceback"}
    if found["kind"] == "interrupted":
        found.update(kind="timeout", message="The code was stopped: it ran past the time limit.")
    code = getattr(fn, "__code__", None)
    if "position" not in found and code is not None and code.co_filename == CELL:
        found["position"] = {"line": code.co_firstlineno}
    return found


def _result_error(message, hint):
    return {"kind": "result", "type": "TypeError", "message": message, "hint": hint}


def _arguments(exercise, call):
    """The exercise's case as the arguments to pass, and as the call's text in errors."""
    if exercise == "resnet50":
        shape = tuple(call["inputShape"])
        return None, (shape, call["classes"]), f"ResNet50({shape!r}, {call['classes']!r})"
    X = Input(shape=tuple(call["input"]))
    args = [X, call["f"], list(call["filters"]), call["stage"], call["block"]]
    if exercise == "convolutional-block":
        args.append(call["s"])
    shown = ", ".join(["X", *(repr(a) for a in args[1:])])
    return X, tuple(args), f"{FUNCTIONS[exercise]}({shown})"


def _model(exercise, text, X, value):
    """The TF.js model the checks read, or the error saying why the returned value is not one."""
    if exercise == "resnet50":
        if isinstance(value, Model):
            return value._js, None
        return None, _result_error(
            f"{text} returned {support.describe(value)}; it should return a Model",
            "end with model = Model(inputs=X_input, outputs=X, name='ResNet50') and return model",
        )
    if not isinstance(value, KerasTensor):
        return None, _result_error(
            f"{text} returned {support.describe(value)}; it should return the block's output, a tensor",
            "end with return X, where X is the output of the final ReLU",
        )
    try:
        return functional(X._js, value._js), None
    except GraphDisconnected:
        return None, _result_error("The returned tensor is not computed from X.", "start from the X passed in, rather than a new Input")
    except JsException as error:
        # Such as two layers with one name: TF.js's message says which name.
        return None, {**_result_error(error.message, "every layer needs a name of its own, built from conv_name_base or bn_name_base"), "type": "ValueError"}


def build(code, exercise, call):
    """Runs ``code`` and builds the model of ``exercise`` on ``call`` (a JavaScript object of
    the exercise's case). Returns a JavaScript object; never raises for the learner's mistakes."""
    call = call.to_py()
    name = FUNCTIONS[exercise]
    X, args, text = _arguments(exercise, call)
    outcome = {"function": name, "call": text}
    namespace = fresh_namespace(PRELUDE)
    if exercise == "resnet50":
        namespace.update(identity_block=identity_block, convolutional_block=convolutional_block)
    fn = None
    try:
        error = run_cell(str(code), CELL, namespace, _message, show_value=False)
        if error is not None:
            outcome["error"] = _build_error(error)
            return _to_js(outcome)
        fn = namespace.get(name)
        if not callable(fn):
            outcome["error"] = _result_error(
                f"The cell must define a function named {name}; none was found.", "keep the def line of the skeleton"
            )
            return _to_js(outcome)
        try:
            value = fn(*args)
        except BaseException as error:  # SystemExit and the page's KeyboardInterrupt too
            outcome["error"] = _build_error(cell_error(error, CELL, _message), fn)
            return _to_js(outcome)
        model, error = _model(exercise, text, X, value)
        outcome.update({"model": model} if error is None else {"error": error})
        return _to_js(outcome)
    finally:
        flush()
        # The cell's functions refer back to the namespace; clearing it breaks that cycle now,
        # rather than whenever the garbage collector runs, so no stale proxy outlives the build.
        namespace.clear()


def kernel():
    """The page's kernel: a namespace the cells share, holding the assignment's imports."""
    return Kernel(PRELUDE, _message)


def _turned_off(name):
    def refuse(*args, **kwargs):
        raise PermissionError(f"{name} is turned off in code cells: code here reaches nothing outside this site.")

    refuse.__name__ = refuse.__qualname__ = name.rpartition(".")[2]
    return refuse


def close_network():
    """Replaces Pyodide's HTTP helpers by functions that refuse at once, with a message. Called
    after the worker has stubbed JavaScript's network globals: importing ``pyodide.http`` only
    now binds its ``XMLHttpRequest`` to the stub. (``pyfetch`` is a coroutine function; left as it
    is, a call the cell never awaits would do nothing and say nothing.)"""
    import pyodide.http as http

    for name in ("pyfetch", "open_url"):
        setattr(http, name, _turned_off(f"pyodide.http.{name}"))
    for name in ("get", "post"):
        if hasattr(http.pyxhr, name):
            setattr(http.pyxhr, name, _turned_off(f"pyodide.http.pyxhr.{name}"))


def _to_js(outcome):
    return support.js({**outcome, "ok": "error" not in outcome})
