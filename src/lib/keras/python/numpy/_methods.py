"""ndarray's methods that are numpy's functions on the array: the reductions (sum, mean, max,
std, argmax, …), squeeze, round, clip and dot. Each imports its function when called: the
functions' modules import _core, which imports ndarray, so they cannot be imported up front."""


class FunctionMethods:
    """The methods of ndarray that call numpy's functions (a mixin: it holds no state of its own)."""

    __slots__ = ()

    def squeeze(self, axis=None):
        from ._functions import squeeze

        return squeeze(self, axis)

    def sum(self, axis=None, keepdims=False):
        from ._functions import sum as sum_

        return sum_(self, axis, keepdims=keepdims)

    def mean(self, axis=None, keepdims=False):
        from ._functions import mean

        return mean(self, axis, keepdims=keepdims)

    def max(self, axis=None, keepdims=False):
        from ._functions import max as max_

        return max_(self, axis, keepdims=keepdims)

    def min(self, axis=None, keepdims=False):
        from ._functions import min as min_

        return min_(self, axis, keepdims=keepdims)

    def prod(self, axis=None, keepdims=False):
        from ._functions import prod

        return prod(self, axis, keepdims=keepdims)

    def std(self, axis=None, keepdims=False):
        from ._functions import std

        return std(self, axis, keepdims=keepdims)

    def var(self, axis=None, keepdims=False):
        from ._functions import var

        return var(self, axis, keepdims=keepdims)

    def any(self, axis=None, keepdims=False):
        from ._functions import any as any_

        return any_(self, axis, keepdims=keepdims)

    def all(self, axis=None, keepdims=False):
        from ._functions import all as all_

        return all_(self, axis, keepdims=keepdims)

    def argmax(self, axis=None):
        from ._functions import argmax

        return argmax(self, axis)

    def argmin(self, axis=None):
        from ._functions import argmin

        return argmin(self, axis)

    def round(self, decimals=0):
        from ._functions import round_

        return round_(self, decimals)

    def clip(self, a_min=None, a_max=None):
        from ._functions import clip

        return clip(self, a_min, a_max)

    def dot(self, other):
        from ._functions import dot

        return dot(self, other)
