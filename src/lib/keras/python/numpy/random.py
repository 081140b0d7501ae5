"""np.random for the course's numpy: seeded, so the same seed gives the same numbers every time.

Python's own generator (random.Random) holds the state that ``seed`` sets; each draw of many
numbers takes one seed from it for TF.js's generators, which make the numbers where the tensor
lives. The numbers are not NumPy's: the same seed gives other values than in Colab, so compare
results with the course's expected output, never with the assignment's printed numbers.
"""

import random as _random

import _resnet_live_np as bridge

from . import _core as C
from . import _dtypes as D
from ._errors import not_in_course

_state = _random.Random()
# The seed last given to seed(): Keras's fit shuffles in the training lab's seeded order from it.
_seed = None


def seed(seed=None):
    """Restarts the generator: np.random.seed(1) then randn(…) gives the same array each time."""
    if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed < 2**32):
        raise ValueError(f"np.random.seed: seed must be a whole number between 0 and 2**32 - 1, got {seed!r}")
    global _seed
    _seed = seed
    _state.seed(seed)


def _size(size, owner):
    if size is None:
        return []
    if isinstance(size, int) and not isinstance(size, bool):
        size = (size,)
    if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in size):
        raise ValueError(f"{owner}: size must be a whole number or a tuple of them, got {size!r}")
    return list(size)


def _tf_seed():
    return _state.randrange(2**31 - 1)


def normal(loc=0.0, scale=1.0, size=None):
    shape = _size(size, "np.random.normal")
    tensor = C.call("np.random.normal", bridge.randomNormal, C.js(shape), float(loc), float(scale), _tf_seed())
    return C.wrap(tensor, D.FLOAT32)


def uniform(low=0.0, high=1.0, size=None):
    shape = _size(size, "np.random.uniform")
    tensor = C.call("np.random.uniform", bridge.randomUniform, C.js(shape), float(low), float(high), _tf_seed())
    return C.wrap(tensor, D.FLOAT32)


def randn(*shape):
    """Standard normal float32 values of the given shape: randn(2, 3)."""
    return normal(0.0, 1.0, shape)


def rand(*shape):
    """Uniform float32 values in [0, 1) of the given shape: rand(2, 3)."""
    return uniform(0.0, 1.0, shape)


random_sample = random = rand


def randint(low, high=None, size=None, dtype=int):
    """Whole numbers in [low, high), or [0, low) when high is not given."""
    if high is None:
        low, high = 0, low
    if high <= low:
        raise ValueError(f"np.random.randint: low >= high ({low} >= {high})")
    drawn = uniform(low, high, size).astype(D.INT32)
    return C.binary("minimum", drawn, high - 1).astype(dtype)


def permutation(x):
    """A shuffled range(x) for an int, or a shuffled copy of an array along its first axis."""
    if isinstance(x, int) and not isinstance(x, bool):
        order = list(range(x))
        _state.shuffle(order)
        return C.asarray(order, dtype=D.INT32) if order else C.asarray([], dtype=D.INT32)
    x = C.asarray(x)
    if x.ndim == 0:
        raise ValueError("np.random.permutation: x must be an int or an array with at least one axis")
    return x[permutation(len(x))]


def shuffle(x):
    """Shuffles an array along its first axis, in place (its tensor is replaced)."""
    if not isinstance(x, C.ndarray):
        if isinstance(x, list):
            _state.shuffle(x)
            return None
        raise TypeError("np.random.shuffle takes an array or a list")
    shuffled = permutation(x)
    # The array takes the shuffled tensor; `shuffled` takes the old one and frees it with itself.
    x._t, shuffled._t = shuffled._t, x._t
    return None


def choice(a, size=None, replace=True):
    """Picks from range(a) or from the array a, uniformly."""
    pool = list(range(a)) if isinstance(a, int) else C.asarray(a).tolist()
    count = 1
    for n in _size(size, "np.random.choice"):
        count *= n
    if replace:
        picked = [_state.choice(pool) for _ in range(count)]
    else:
        if count > len(pool):
            raise ValueError("Cannot take a larger sample than population when 'replace=False'")
        picked = _state.sample(pool, count)
    out = C.asarray(picked)
    return out.reshape(_size(size, "np.random.choice")) if size is not None else out.reshape(())


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)
    raise not_in_course(
        f"np.random.{name}",
        "np.random here has seed, randn, rand, random, randint, normal, uniform, permutation, shuffle and choice",
    )
