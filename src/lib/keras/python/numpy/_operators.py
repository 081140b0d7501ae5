"""ndarray's operators: arithmetic, comparisons and logic, as NumPy's, through _core."""

from . import _core as C
from . import _dtypes as D
from ._errors import not_in_course


class Operators:
    """The operator methods of ndarray (a mixin: it holds no state of its own)."""

    __slots__ = ()

    # --- operators --------------------------------------------------------------------
    def __add__(self, other):
        return C.binary("add", self, other)

    def __radd__(self, other):
        return C.binary("add", other, self)

    def __sub__(self, other):
        return C.binary("sub", self, other)

    def __rsub__(self, other):
        return C.binary("sub", other, self)

    def __mul__(self, other):
        return C.binary("mul", self, other)

    def __rmul__(self, other):
        return C.binary("mul", other, self)

    def __truediv__(self, other):
        return C.binary("div", self, other)

    def __rtruediv__(self, other):
        return C.binary("div", other, self)

    def __floordiv__(self, other):
        return C.binary("floordiv", self, other)

    def __rfloordiv__(self, other):
        return C.binary("floordiv", other, self)

    def __mod__(self, other):
        return C.binary("mod", self, other)

    def __rmod__(self, other):
        return C.binary("mod", other, self)

    def __pow__(self, other):
        return C.binary("pow", self, other)

    def __rpow__(self, other):
        return C.binary("pow", other, self)

    def __and__(self, other):
        return C.binary("and", self, other)

    def __rand__(self, other):
        return C.binary("and", other, self)

    def __or__(self, other):
        return C.binary("or", self, other)

    def __ror__(self, other):
        return C.binary("or", other, self)

    def __xor__(self, other):
        return C.binary("xor", self, other)

    def __rxor__(self, other):
        return C.binary("xor", other, self)

    def __matmul__(self, other):
        from ._functions import dot

        return dot(self, other)

    def __rmatmul__(self, other):
        from ._functions import dot

        return dot(other, self)

    def __eq__(self, other):
        return C.compare("eq", self, other)

    def __ne__(self, other):
        return C.compare("ne", self, other)

    def __lt__(self, other):
        return C.compare("lt", self, other)

    def __le__(self, other):
        return C.compare("le", self, other)

    def __gt__(self, other):
        return C.compare("gt", self, other)

    def __ge__(self, other):
        return C.compare("ge", self, other)

    def __neg__(self):
        return C.unary("neg", self, D.INT32 if self._dtype is D.BOOL else None)

    def __pos__(self):
        return self.copy()

    def __abs__(self):
        return C.unary("abs", self)

    def __invert__(self):
        if self._dtype is not D.BOOL:
            raise not_in_course(f"~ on {self._dtype} arrays", "use ~ on bool arrays, such as ~(X > 0)")
        return C.unary("not", self)
