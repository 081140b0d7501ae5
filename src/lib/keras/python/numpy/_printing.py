"""Arrays as text, the way NumPy 2 writes them, so a printed array reads as it would in Colab.

This follows NumPy's arrayprint: float32 values in their shortest round-trip form (at most
`precision` decimals), a column width shared by the whole array, scientific notation when the
values span more than 1e3 or go under 1e-4, rows wrapped at 75 characters, and arrays of more
than `threshold` values cut to their first and last `edgeitems` entries on each axis with '...'.
Only those entries ever leave TF.js (see `edges` in numpy-bridge.ts), so printing a large
dataset costs as little as printing a small one.
"""

import math
import struct
from decimal import ROUND_HALF_EVEN, Decimal

OPTIONS = {"precision": 8, "threshold": 1000, "edgeitems": 3, "linewidth": 75, "suppress": False}


def set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, suppress=None, **others):
    """NumPy's print options: precision, threshold, edgeitems, linewidth and suppress are honoured.

    Others NumPy has (formatter, sign, floatmode, legacy, …) are accepted and have no effect here.
    """
    given = {"precision": precision, "threshold": threshold, "edgeitems": edgeitems, "linewidth": linewidth}
    for key, value in given.items():
        if value is not None:
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"set_printoptions: {key} must be a whole number ≥ 0, got {value!r}")
            OPTIONS[key] = value
    if suppress is not None:
        OPTIONS["suppress"] = bool(suppress)


def get_printoptions():
    return dict(OPTIONS)


def _f32(x):
    return struct.unpack("f", struct.pack("f", x))[0]


def _shortest(x):
    """(digits, exponent) of the shortest decimal that reads back as the float32 `x` (x > 0)."""
    for places in range(0, 9):
        text = f"{x:.{places}e}"
        if _f32(float(text)) == x:
            break
    mantissa, exponent = text.split("e")
    return mantissa.replace(".", ""), int(exponent)


def _positional(x, precision):
    """dragon4_positional(unique=True, trim='.'): '1.', '0.25', '-3.1415927'."""
    digits, exponent = _shortest(abs(x))
    value = Decimal(f"{digits[0]}.{digits[1:]}e{exponent}")
    if len(digits) - 1 - exponent > precision:
        value = Decimal(abs(x)).quantize(Decimal(1).scaleb(-precision), ROUND_HALF_EVEN)
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0")
    else:
        text += "."
    return ("-" if math.copysign(1, x) < 0 else "") + text


def _scientific(x, precision):
    """dragon4_scientific(unique=True, trim='.'): '1.e-05', '2.5e+03'."""
    if x == 0:
        digits, exponent = "0", 0
    else:
        digits, exponent = _shortest(abs(x))
        if len(digits) - 1 > precision:
            rounded = f"{Decimal(abs(x)):.{precision}e}"
            mantissa, exp = rounded.split("e")
            digits, exponent = mantissa.replace(".", "").rstrip("0") or "0", int(exp)
    sign = "-" if math.copysign(1, x) < 0 else ""
    return f"{sign}{digits[0]}.{digits[1:]}", exponent


class _FloatFormat:
    """NumPy's FloatingFormat in its default 'maxprec' mode, fitted to the values shown."""

    def __init__(self, values, precision, suppress):
        self.precision = precision
        finite = [v for v in values if math.isfinite(v)]
        nonzero = [abs(v) for v in finite if v != 0]
        self.exp = False
        if nonzero:
            big, small = max(nonzero), min(nonzero)
            self.exp = big >= 1e8 or (not suppress and (small < 1e-4 or big / small > 1e3))
        if not finite:
            self.left, self.right, self.exp_size = 0, 0, 0
        elif self.exp:
            parts = [_scientific(v, precision) for v in finite]
            self.exp_size = max(2, max(len(str(abs(e))) for _, e in parts))
            self.precision = max(len(m.split(".")[1]) for m, _ in parts)
            self.left = max(len(m.split(".")[0]) for m, _ in parts)
            self.right = self.exp_size + 2 + self.precision
        else:
            parts = [_positional(v, precision).split(".") for v in finite]
            self.left = max(len(i) for i, _ in parts)
            self.right = max(len(f) for _, f in parts)
        if len(finite) < len(values):
            neginf = any(v == -math.inf for v in values)
            self.left = max(self.left, 3 - (self.right + 1), 3 + neginf - (self.right + 1))

    def __call__(self, v):
        if not math.isfinite(v):
            text = "nan" if math.isnan(v) else ("-inf" if v < 0 else "inf")
            return text.rjust(self.left + self.right + 1)
        if self.exp:
            # Past the shortest digits NumPy prints the value's own digits, not zeros.
            mantissa, exponent = f"{Decimal(abs(v)):.{self.precision}e}".split("e")
            exponent = int(exponent) if v != 0 else 0
            whole, frac = mantissa.split(".") if "." in mantissa else (mantissa, "")
            whole = ("-" if math.copysign(1, v) < 0 else "") + whole
            sign = "-" if exponent < 0 else "+"
            return f"{whole.rjust(self.left)}.{frac.ljust(self.precision, '0')}e{sign}{str(abs(exponent)).zfill(self.exp_size)}"
        whole, frac = _positional(v, self.precision).split(".")
        return f"{whole.rjust(self.left)}.{frac.ljust(self.right)}"


def _formatter(values, kind):
    if kind == "b":
        return lambda v: " True" if v else "False"
    if kind in "iu":
        width = max((len(str(int(v))) for v in values), default=0)
        return lambda v: str(int(v)).rjust(width)
    return _FloatFormat([float(v) for v in values], OPTIONS["precision"], OPTIONS["suppress"])


def scalar_text(value, kind):
    """str() of one value, as NumPy prints a scalar: 0.1, 3.0, 1e-05, 7, True."""
    if kind == "b":
        return str(bool(value))
    if kind in "iu":
        return str(int(value))
    value = float(value)
    if not math.isfinite(value) or value == 0:
        return repr(value)
    digits, exponent = _shortest(abs(value))
    sign = "-" if value < 0 else ""
    if 1e-4 <= abs(value) < 1e8:
        return sign + repr(float(f"{digits[0]}.{digits[1:]}e{exponent}"))
    mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    return f"{sign}{mantissa}e{'-' if exponent < 0 else '+'}{abs(exponent):02d}"


def _flatten(nested, ndim):
    if ndim == 0:
        return [nested]
    out = []
    for item in nested:
        out.extend(_flatten(item, ndim - 1))
    return out


def _extend(s, line, word, width, indent):
    if len(line) + len(word) > width and len(line) > len(indent):
        s += line.rstrip() + "\n"
        line = indent
    return s, line + word


def _format_array(data, shape, fmt, width, indent, separator, edge, summarize):
    """NumPy's _formatArray: `data` is the nested list of the shown entries of an array of `shape`."""

    def recurse(item, axis, hanging, curr_width):
        if axis == len(shape):
            return fmt(item)
        next_hanging = hanging + " "
        next_width = curr_width - 1
        n = shape[axis]
        cut = summarize and 2 * edge < n
        leading, trailing = (edge, edge) if cut else (0, n)
        s = ""
        if axis == len(shape) - 1:
            elem_width = curr_width - max(len(separator.rstrip()), 1)
            line = hanging
            for i in range(leading):
                s, line = _extend(s, line, recurse(item[i], axis + 1, next_hanging, next_width), elem_width, hanging)
                line += separator
            if cut:
                s, line = _extend(s, line, "...", elem_width, hanging)
                line += separator
            for i in range(trailing, 1, -1):
                s, line = _extend(s, line, recurse(item[-i], axis + 1, next_hanging, next_width), elem_width, hanging)
                line += separator
            s, line = _extend(s, line, recurse(item[-1], axis + 1, next_hanging, next_width), elem_width, hanging)
            s += line
        else:
            line_sep = separator.rstrip() + "\n" * (len(shape) - axis - 1)
            for i in range(leading):
                s += hanging + recurse(item[i], axis + 1, next_hanging, next_width) + line_sep
            if cut:
                s += hanging + "..." + line_sep
            for i in range(trailing, 1, -1):
                s += hanging + recurse(item[-i], axis + 1, next_hanging, next_width) + line_sep
            s += hanging + recurse(item[-1], axis + 1, next_hanging, next_width)
        return "[" + s[len(hanging) :] + "]"

    return recurse(data, 0, indent, width)


def array_text(data, shape, kind, separator=" ", prefix="", suffix=""):
    """array2string: `data` holds the entries to show (all of them, or the edges when the size
    passes the threshold) as nested lists."""
    size = math.prod(shape)
    if size == 0:
        return "[]"
    summarize = size > OPTIONS["threshold"]
    values = _flatten(data, len(shape))
    fmt = _formatter(values, kind)
    if not shape:
        return str(bool(values[0])) if kind == "b" else fmt(values[0])
    width = OPTIONS["linewidth"] - len(suffix)
    return _format_array(data, shape, fmt, width, " " * (len(prefix) + 1), separator, OPTIONS["edgeitems"], summarize)


def array_repr(data, shape, dtype_name, kind):
    """repr(): array([[1., 2.],\\n       [3., 4.]], dtype=float32), as NumPy 2 writes it."""
    prefix = "array("
    body = array_text(data, shape, kind, ", ", prefix, ")")
    extras = []
    size = math.prod(shape)
    if (size == 0 and tuple(shape) != (0,)) or size > OPTIONS["threshold"]:
        extras.append(f"shape={tuple(shape)}")
    if dtype_name != "bool" or size == 0:
        extras.append(f"dtype={dtype_name}")
    if not extras:
        return prefix + body + ")"
    text = prefix + body + ","
    extra = ", ".join(extras) + ")"
    last_line = len(text) - (text.rfind("\n") + 1)
    spacer = "\n" + " " * len(prefix) if last_line + len(extra) + 1 > OPTIONS["linewidth"] else " "
    return text + spacer + extra
