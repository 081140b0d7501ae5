"""The one error for everything NumPy has and the course's numpy does not."""

HAS = (
    "arrays (array, asarray, zeros, ones, full, eye, arange, linspace), arithmetic and comparisons "
    "with broadcasting, indexing and slicing, reshape, transpose, squeeze, expand_dims, concatenate, "
    "stack, sum, mean, max, min, argmax, exp, log, sqrt, abs, round, where, dot, allclose, and "
    "np.random (seed, randn, rand, randint, normal, uniform, permutation, shuffle)"
)


class NotInCourseError(AttributeError, NotImplementedError):
    """Raised for NumPy names and features the course's numpy does not have.

    It is an AttributeError, so ``hasattr(np, "linalg")`` is False as for any missing name, and a
    NotImplementedError, which is what it means.
    """


def not_in_course(what, instead=None):
    """The error for `what` (such as 'np.linalg'), saying what the course's numpy has instead."""
    message = f"not in this course's numpy: {what}"
    if instead:
        message += f" — {instead}"
    else:
        message += f" — it has {HAS}, and works on TF.js tensors"
    return NotInCourseError(message)
