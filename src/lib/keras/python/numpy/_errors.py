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


class NotInCourseImportError(ImportError):
    """Raised by ``import numpy.linalg`` and the like: an ImportError, so that Python's
    ``from numpy import linalg`` passes it on with its message instead of a generic one."""


class MissingSubmodules:
    """A finder last on sys.meta_path: a numpy submodule that no file provides (numpy.linalg,
    numpy.fft, …) is refused with what the course's numpy has, not "No module named"."""

    @staticmethod
    def find_spec(fullname, path=None, target=None):
        if fullname.startswith("numpy."):
            error = not_in_course(fullname.replace("numpy.", "np.", 1))
            raise NotInCourseImportError(str(error), name=fullname)
        return None
