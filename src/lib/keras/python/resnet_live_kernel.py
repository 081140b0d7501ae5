"""The notebook kernel's Python half, for src/lib/keras/runtime.ts: runs one cell as a notebook does.

``run_cell`` is the one way a cell runs, whether the page runs it in the kernel's namespace or the
grader runs it in a fresh one (resnet_live_runner.build). Each cell is compiled as a file of its
own, ``<cell-N>`` (N is its execution count), so a traceback says "Cell In[3], line 5" as
IPython's does, and frames from earlier cells still show their code. Lines starting with ``%`` or
``!`` (IPython magics, shell commands) become ``pass``, so line numbers stay the learner's. The
last statement, when it is an expression, is evaluated apart and its value shown, as IPython does.

What the cell prints goes through Pyodide's stdout, block-buffered: a flood of lines costs a few
writes instead of one per line. The buffer is flushed before anything is shown (so print and
display keep their order), at the end of the run, and at most every 50 ms while the cell's own
lines run, so a slow loop's prints still come out as it goes. What the cell shows goes to the JS
module ``_resnet_live_kernel`` (registered by runtime.ts), which forwards it to the current run.
"""

import ast
import builtins
import gc
import io
import linecache
import re
import sys
import time
import traceback
from contextlib import redirect_stdout

from pyodide.ffi import JsException

import _resnet_live_kernel as page
from keras import _support as support
from keras.models import Model

# `%matplotlib inline`, `!pip install …`, indented or not.
MAGIC = re.compile(r"^([ \t]*)([%!].*?)\s*$")
# The files cells are compiled as: `<cell-3>` in the kernel, `<cell>` for the grader.
CELL_FILE = re.compile(r"^<cell(?:-(\d+))?>$")
MAX_REPR = 10_000

# sys.monitoring's tool ids 0–2 and 5 are named for debuggers, coverage, profilers and optimizers.
LINES_TOOL = 4
# How stale printed output may get while the cell's lines run.
FLUSH_SECONDS = 0.05
# The line callback looks at the clock every `_every` lines: 1 while lines come slowly, up to
# MAX_EVERY while they come fast (two looks within FAST_SECONDS), so a tight loop pays little.
MAX_EVERY = 256
FAST_SECONDS = 0.005

# Where the cell's line goes as it runs: a JavaScript Int32Array over memory the page shares.
_lines = None
_last_line = 0
_flushed = 0.0
_every = _countdown = 1
_looked = 0.0


def flush():
    """Sends what the cell printed so far to the page (the buffers behind sys.stdout and stderr)."""
    global _flushed
    _flushed = time.monotonic()
    for stream in (sys.__stdout__, sys.__stderr__):
        if stream is not None:
            stream.flush()


def _look():
    global _every, _countdown, _looked
    now = time.monotonic()
    _every = min(_every * 2, MAX_EVERY) if now - _looked < FAST_SECONDS else 1
    _countdown = _every
    _looked = now
    if now - _flushed > FLUSH_SECONDS:
        flush()


def _on_line(code, line):
    global _last_line, _countdown
    if line != _last_line:
        _last_line = line
        if _lines is not None:
            _lines[0] = line
    _countdown -= 1
    if not _countdown:
        _look()


def watch_lines(view):
    """Writes the cell's line into ``view[0]`` each time a new one starts, so the page can say
    where a run stopped even when it had to terminate the worker: a single long call
    (``time.sleep``, ``sum(range(10**12))``) never lets the interrupt raise. Only the cells' own
    code objects report lines, and a line is written only when it changes."""
    global _lines
    _lines = view


def _code_objects(code):
    yield code
    for const in code.co_consts:
        if hasattr(const, "co_consts"):
            yield from _code_objects(const)


def _watch(*compiled):
    global _last_line, _every, _countdown
    _last_line = 0
    # Each run starts looking at the clock from its first line, whatever the last run left.
    _every = _countdown = 1
    if _lines is not None:
        _lines[0] = 0
    for top in compiled:
        for code in _code_objects(top):
            sys.monitoring.set_local_events(LINES_TOOL, code, sys.monitoring.events.LINE)


def strip_magics(code):
    """``code`` with each ``%`` or ``!`` line replaced by ``pass`` (same indentation, same line
    count), and the lines replaced, as written."""
    lines = code.split("\n")
    skipped = []
    for index, line in enumerate(lines):
        match = MAGIC.match(line)
        if match:
            skipped.append(match.group(2))
            lines[index] = match.group(1) + "pass"
    return "\n".join(lines), skipped


def show(data):
    """Sends one DisplayData dict to the page (nothing happens outside a run)."""
    page.display(support.js(data))


def display_data(value):
    """How a value shows under its cell: its own ``_course_display()`` (the course's numpy), a
    Model's summary, else its repr, cut at MAX_REPR characters."""
    own = getattr(type(value), "_course_display", None)
    if callable(own):
        data = own(value)
        if isinstance(data, dict):
            return data
    if isinstance(value, Model):
        out = io.StringIO()
        with redirect_stdout(out):
            value.summary()
        return {"kind": "model", "name": value.name, "lines": out.getvalue().splitlines()}
    text = repr(value)
    if len(text) > MAX_REPR:
        text = f"{text[:MAX_REPR]}… ({len(text) - MAX_REPR:,} more characters)"
    return {"kind": "text", "text": text}


def display(*values):
    """IPython's ``display``: shows each value as a cell's last value shows."""
    for value in values:
        show(display_data(value))


def _silenced(source, node):
    """Whether the last expression ends with ``;``, which asks IPython not to show its value."""
    line = source.split("\n")[node.end_lineno - 1]
    return line.encode()[node.end_col_offset :].decode(errors="replace").lstrip().startswith(";")


def _where(filename, lineno, name):
    """A traceback header as IPython writes it: "Cell In[3], line 5, in identity_block"."""
    count = CELL_FILE.match(filename).group(1)
    place = f"Cell In[{count}], line {lineno}" if count else f"Cell, line {lineno}"
    return place if name in (None, "<module>") else f"{place}, in {name}"


def syntax_error(error):
    """A CellError for code that does not parse: Python's own lines, caret included."""
    shown = "".join(traceback.format_exception_only(error)).rstrip("\n").split("\n")[:-1]
    if shown and shown[0].lstrip().startswith('File "'):
        shown = shown[1:]
    lines = [_where(error.filename, error.lineno, None), *shown]
    position = {"line": error.lineno or 1, **({"column": error.offset} if error.offset else {})}
    return {"kind": "syntax", "type": type(error).__name__, "message": error.msg, "traceback": lines, "position": position}


def cell_error(error, filename, message):
    """A CellError for an exception raised while the cell ``filename`` ran: the traceback keeps
    the frames in cells only (outermost first, earlier cells too); the position is the innermost
    frame in this cell. ``message`` gives the one-line message (resnet_live_runner._message)."""
    if isinstance(error, SyntaxError) and CELL_FILE.match(error.filename or ""):
        return syntax_error(error)
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if CELL_FILE.match(frame.filename)]
    lines = []
    for frame in frames:
        lines.append(_where(frame.filename, frame.lineno, frame.name))
        if frame.line:
            lines.append(f"    {frame.line.strip()}")
    if isinstance(error, KeyboardInterrupt):
        # Only the page raises this, through the interrupt buffer: Stop, or the time limit.
        found = {"kind": "interrupted", "type": "KeyboardInterrupt", "message": "The run was stopped."}
    elif isinstance(error, JsException):
        found = {"kind": "runtime", "type": "Error", "message": error.message}
    else:
        found = {"kind": "runtime", "type": type(error).__name__, "message": message(error)}
    found["traceback"] = lines
    here = [frame for frame in frames if frame.filename == filename]
    if here:
        frame = here[-1]
        found["position"] = {"line": frame.lineno, **({"column": frame.colno + 1} if frame.colno is not None else {})}
    return found


def run_cell(code, filename, namespace, message, show_value=True):
    """Runs ``code`` in ``namespace`` as the file ``filename``; returns None, or the CellError as
    a dict. Never raises for the learner's mistakes (KeyboardInterrupt included)."""
    source, skipped = strip_magics(code)
    for line in skipped:
        show({"kind": "note", "text": f"Skipped {line}: magics and shell commands do not run in this page."})
    # Tracebacks read the code of every cell from here, earlier cells' included.
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    try:
        tree = compile(source, filename, "exec", ast.PyCF_ONLY_AST)
        last = None
        if show_value and tree.body and isinstance(tree.body[-1], ast.Expr) and not _silenced(source, tree.body[-1]):
            last = compile(ast.Expression(tree.body.pop().value), filename, "eval")
        body = compile(tree, filename, "exec")
    except SyntaxError as error:
        return syntax_error(error)
    _watch(body, *([last] if last else []))
    try:
        exec(body, namespace)
        if last is not None:
            value = eval(last, namespace)
            if value is not None:
                display(value)
    except BaseException as error:  # SystemExit and the page's KeyboardInterrupt too
        return cell_error(error, filename, message)
    finally:
        flush()
    return None


def fresh_namespace(prelude):
    """A new ``__main__`` namespace holding what ``prelude`` imports, and ``display``."""
    namespace = {"__name__": "__main__", "__builtins__": builtins, "display": display}
    exec(prelude, namespace)
    return namespace


class Kernel:
    """One namespace that the page's cells share, in the order they run."""

    def __init__(self, prelude, message):
        self._prelude = prelude
        self._message = message
        self.namespace = fresh_namespace(prelude)

    def run(self, code, count):
        """Runs a cell as ``<cell-{count}>``; returns {status, error?} as a JavaScript object."""
        error = run_cell(str(code), f"<cell-{int(count)}>", self.namespace, self._message)
        if error is None:
            return support.js({"status": "ok"})
        return support.js({"status": "stopped" if error["kind"] == "interrupted" else "error", "error": error})

    def scratch(self, reference, code, count):
        """Runs ``code`` as cell ``count`` after ``reference`` (the course's solution), in a namespace
        of its own: what the cell prints with a correct solution, the kernel's namespace untouched."""
        namespace = fresh_namespace(self._prelude)
        try:
            error = run_cell(str(reference), "<solution>", namespace, self._message, show_value=False)
            if error is None:
                error = run_cell(str(code), f"<cell-{int(count)}>", namespace, self._message)
        finally:
            namespace.clear()
            gc.collect()
        if error is None:
            return support.js({"status": "ok"})
        return support.js({"status": "stopped" if error["kind"] == "interrupted" else "error", "error": error})

    def reset(self):
        """Forgets every name the cells defined; what only they held is freed now."""
        self.namespace.clear()
        self.namespace = fresh_namespace(self._prelude)
        gc.collect()


# Block-buffered: see the module's comment. Pyodide makes both streams line-buffered.
for _stream in (sys.__stdout__, sys.__stderr__):
    _stream.reconfigure(line_buffering=False)
sys.monitoring.use_tool_id(LINES_TOOL, "resnet-live cell lines")
sys.monitoring.register_callback(LINES_TOOL, sys.monitoring.events.LINE, _on_line)
