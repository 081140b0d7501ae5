"""Runs a learner's Keras cell and builds its exercise's model, for src/lib/keras/runtime.ts.

The cell runs as its own file, ``<cell>``, in a fresh namespace that already holds what the
assignment's first cell imports, so line numbers are the learner's own and nothing carries over
from one run to the next. The exercise's function is then called on the exercise's case, as
the TF.js cells are, and the result goes back to JavaScript as one plain object: the TF.js model,
or an error with its Python type, message and the learner's line.
"""

import builtins
import sys
import traceback

from pyodide.ffi import JsException

import _resnet_live_tf as bridge
from keras import _support as support
from keras.layers import Input, KerasTensor, tensor
from keras.models import Model

CELL = "<cell>"

FUNCTIONS = {"identity-block": "identity_block", "convolutional-block": "convolutional_block", "resnet50": "ResNet50"}

# sys.monitoring's tool ids 0–2 and 5 are named for debuggers, coverage, profilers and optimizers.
LINES_TOOL = 4

# Where the cell's line goes as it runs: a JavaScript Int32Array over memory the page shares.
_lines = None
_last_line = 0


def _on_line(code, line):
    global _last_line
    if line != _last_line:
        _last_line = line
        _lines[0] = line


def watch_lines(view):
    """Writes the cell's line into ``view[0]`` each time a new one starts, so the page can say
    where a run stopped even when it had to terminate the worker: a single long call
    (``time.sleep``, ``sum(range(10**12))``) never lets the interrupt raise. Only the cell's own
    code objects report lines, and a line is written only when it changes."""
    global _lines
    _lines = view
    sys.monitoring.use_tool_id(LINES_TOOL, "resnet-live cell lines")
    sys.monitoring.register_callback(LINES_TOOL, sys.monitoring.events.LINE, _on_line)


def _code_objects(code):
    yield code
    for const in code.co_consts:
        if hasattr(const, "co_consts"):
            yield from _code_objects(const)


def _watch(compiled):
    global _last_line
    if _lines is None:
        return
    _last_line = 0
    _lines[0] = 0
    for code in _code_objects(compiled):
        sys.monitoring.set_local_events(LINES_TOOL, code, sys.monitoring.events.LINE)


# The assignment's own imports (its first cell), so a cell may start at the def line.
PRELUDE = (
    "from keras.layers import Input, Add, Dense, Activation, ZeroPadding2D, BatchNormalization, "
    "Flatten, Conv2D, AveragePooling2D, MaxPooling2D, GlobalMaxPooling2D\n"
    "from keras.models import Model, load_model\n"
    "from keras.initializers import glorot_uniform, random_uniform, constant, identity\n"
)


def _reference_args(owner, f, filters, stage, block):
    filters = list(filters) if isinstance(filters, (list, tuple)) else filters
    if not isinstance(filters, list) or len(filters) != 3:
        raise ValueError(f"{owner}: filters must be a list of three numbers [F1, F2, F3], got {filters!r}")
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


def _position(error, fn):
    """The learner's line (and column) where ``error`` arose: the innermost frame in the cell,
    else the def line of their function (for a call with the wrong number of arguments)."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename == CELL]
    if frames:
        frame = frames[-1]
        return {"line": frame.lineno, **({"column": frame.colno + 1} if frame.colno is not None else {})}
    code = getattr(fn, "__code__", None)
    if code is not None and code.co_filename == CELL:
        return {"line": code.co_firstlineno}
    return None


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


def _syntax(error):
    position = {"line": error.lineno or 1, **({"column": error.offset} if error.offset else {})}
    return {"kind": "syntax", "type": type(error).__name__, "message": error.msg, "position": position}


def _runtime(error, fn=None):
    if isinstance(error, SyntaxError) and error.filename == CELL:
        return _syntax(error)
    if isinstance(error, KeyboardInterrupt):
        # Only the page raises this, through the interrupt buffer, when the time is up.
        found = {"kind": "timeout", "type": "KeyboardInterrupt", "message": "The code was stopped: it ran past the time limit."}
    elif isinstance(error, JsException):
        found = {"kind": "runtime", "type": "Error", "message": error.message}
    else:
        found = {"kind": "runtime", "type": type(error).__name__, "message": _message(error)}
    position = _position(error, fn)
    return {**found, "position": position} if position else found


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
        return bridge.model(X._js, value._js), None
    except JsException as error:
        if "Graph disconnected" in error.message:
            return None, _result_error("The returned tensor is not computed from X.", "start from the X passed in, rather than a new Input")
        # Such as two layers with one name: TF.js's message says which name.
        return None, {**_result_error(error.message, "every layer needs a name of its own, built from conv_name_base or bn_name_base"), "type": "ValueError"}


def build(code, exercise, call):
    """Runs ``code`` and builds the model of ``exercise`` on ``call`` (a JavaScript object of
    the exercise's case). Returns a JavaScript object; never raises for the learner's mistakes."""
    call = call.to_py()
    name = FUNCTIONS[exercise]
    X, args, text = _arguments(exercise, call)
    outcome = {"function": name, "call": text}
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    fn = None
    try:
        exec(PRELUDE, namespace)
        if exercise == "resnet50":
            namespace.update(identity_block=identity_block, convolutional_block=convolutional_block)
        try:
            compiled = compile(code, CELL, "exec")
        except SyntaxError as error:
            outcome["error"] = _syntax(error)
            return _to_js(outcome)
        _watch(compiled)
        try:
            exec(compiled, namespace)
            fn = namespace.get(name)
            if not callable(fn):
                outcome["error"] = _result_error(
                    f"The cell must define a function named {name}; none was found.", "keep the def line of the skeleton"
                )
                return _to_js(outcome)
            value = fn(*args)
        except BaseException as error:  # SystemExit and the page's KeyboardInterrupt too
            outcome["error"] = _runtime(error, fn)
            return _to_js(outcome)
        model, error = _model(exercise, text, X, value)
        outcome.update({"model": model} if error is None else {"error": error})
        return _to_js(outcome)
    finally:
        # The cell's functions refer back to the namespace; clearing it breaks that cycle now,
        # rather than whenever the garbage collector runs, so no stale proxy outlives the build.
        namespace.clear()


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
