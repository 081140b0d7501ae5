"""What an index expression selects, worked out in Python so TF.js does one slice and one gather.

``plan(shape, key)`` turns ``X[0]``, ``X[:5]``, ``X[1:3, ::2]``, ``X[..., 0]``, ``X[:, None]``,
``X[[0, 2]]`` and ``Y[:, idx]`` into: where a slice begins and how long it is on every axis, at
most one axis taken with an array of ints (and any slices with a step other than 1),
and NumPy's result shape. A boolean mask (``X[X > 0]``, ``X[y == 1]``) is its own case.
Results are copies: there are no views, so writing into a slice leaves the array it came from
as it was.
"""

from ._errors import not_in_course

_VALID = (
    "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays "
    "are valid indices"
)


class Mask:
    """A boolean mask over the leading axes of the array it indexes."""

    def __init__(self, array):
        self.array = array


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _as_index_array(item, asarray):
    """A list, tuple or array used as an index: an int array (an index) or a bool one (a mask)."""
    array = asarray(item)
    if array.dtype.kind == "b":
        return Mask(array)
    if array.dtype.kind not in "iu":
        if array.size == 0:
            return array.astype("int32")
        raise IndexError("arrays used as indices must be of integer (or boolean) type")
    return array


def _normalize(key, ndarray, asarray):
    """The key as a tuple of ints, slices, None, Ellipsis, int arrays and masks."""
    if not isinstance(key, tuple):
        key = (key,)
    items = []
    for item in key:
        if item is None or item is Ellipsis or isinstance(item, slice) or _is_int(item):
            items.append(item)
        elif isinstance(item, bool):
            raise not_in_course("indexing with True or False", "index with an int, a slice or a boolean array")
        elif isinstance(item, ndarray) and item.ndim == 0 and item.dtype.kind in "iu":
            items.append(int(item))
        elif isinstance(item, (list, tuple, ndarray)):
            items.append(_as_index_array(item, asarray))
        elif hasattr(item, "__index__"):
            items.append(item.__index__())
        else:
            raise IndexError(_VALID)
    return items


def plan(shape, key, ndarray, asarray):
    """The selection `key` makes in an array of `shape`: a dict for numpy-bridge.ts's `index`, or
    a Mask for a boolean mask."""
    items = _normalize(key, ndarray, asarray)
    masks = [item for item in items if isinstance(item, Mask)]
    if masks:
        if len(items) != 1:
            raise not_in_course(
                "a boolean mask combined with other indices", "index with the mask alone, X[mask], then slice the result"
            )
        mask = masks[0].array
        if tuple(mask.shape) != tuple(shape[: mask.ndim]):
            for axis, (n, m) in enumerate(zip(shape, mask.shape)):
                if n != m:
                    break
            else:
                raise IndexError(f"too many indices for array: array is {len(shape)}-dimensional, but {mask.ndim} were indexed")
            raise IndexError(
                f"boolean index did not match indexed array along axis {axis}; size of axis is {n} "
                f"but size of corresponding boolean axis is {m}"
            )
        return masks[0]

    if items.count(Ellipsis) > 1:
        raise IndexError("an index can only have a single ellipsis ('...')")
    used = sum(1 for item in items if item is not None and item is not Ellipsis)
    if used > len(shape):
        raise IndexError(f"too many indices for array: array is {len(shape)}-dimensional, but {used} were indexed")
    if Ellipsis in items:
        at = items.index(Ellipsis)
        items[at : at + 1] = [slice(None)] * (len(shape) - used)
    else:
        items += [slice(None)] * (len(shape) - used)

    begin, size, out, steps, take = [], [], [], [], None
    advanced = []  # positions in `items` of ints and index arrays, for NumPy's placement rule
    axis = 0
    for position, item in enumerate(items):
        if item is None:
            out.append(1)
            continue
        n = shape[axis]
        if _is_int(item):
            if not -n <= item < n:
                raise IndexError(f"index {item} is out of bounds for axis {axis} with size {n}")
            begin.append(item % n)
            size.append(1)
            advanced.append(position)
        elif isinstance(item, slice):
            start, stop, step = item.indices(n)
            if step == 1:
                begin.append(start)
                size.append(max(0, stop - start))
                out.append(size[-1])
            else:
                chosen = list(range(start, stop, step))
                begin.append(0)
                size.append(n if chosen else 0)
                if chosen:
                    steps.append({"axis": axis, "indices": asarray(chosen, dtype="int32")})
                out.append(len(chosen))
        else:
            if take is not None:
                raise _two_arrays()
            begin.append(0)
            size.append(n)
            take = {"axis": axis, "indices": item}
            out.extend(item.shape)
            advanced.append(position)
        axis += 1
    arrays = [p for p in advanced if not _is_int(items[p])]
    if arrays and advanced != list(range(advanced[0], advanced[-1] + 1)):
        raise not_in_course(
            "an int and an index array on axes apart", "index one of them first, e.g. X[:, 0][:, :, idx]"
        )
    # Stepped slices keep their axis's place, so they are taken before the index array, whose
    # shape may add axes.
    return {"begin": begin, "size": size, "takes": steps + ([take] if take else []), "shape": out}


def _two_arrays():
    return not_in_course("index arrays on two axes at once", "index one axis at a time, e.g. X[idx][:, idx2]")
