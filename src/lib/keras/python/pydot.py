"""The course's stand-in for pydot: ``import pydot`` works, as the assignment's first cell needs,
and anything of it raises, when called, that drawing a model is not in this course."""

from _stand_in import DRAWING, any_name

__getattr__ = any_name("pydot", DRAWING)
