"""NumPy's functions that the course's cells use, gathered from the modules that hold them by
concern: making arrays (_creation), shapes (_shaping), elementwise maths and products
(_elementwise), and reductions (_reductions). The package's __init__ and ndarray's methods import
them from here."""

from ._creation import arange, array, copy, eye, full, identity, linspace, ones, ones_like, zeros, zeros_like
from ._elementwise import (
    abs,
    absolute,
    ceil,
    clip,
    dot,
    exp,
    floor,
    isnan,
    log,
    matmul,
    maximum,
    minimum,
    nonzero,
    round_,
    sign,
    sqrt,
    square,
    tanh,
    where,
)
from ._reductions import (
    all,
    allclose,
    amax,
    amin,
    any,
    argmax,
    argmin,
    array_equal,
    count_nonzero,
    max,
    mean,
    min,
    prod,
    std,
    sum,
    unique,
    var,
)
from ._shaping import concatenate, expand_dims, hstack, ndim, ravel, reshape, shape, size, squeeze, stack, transpose, vstack
