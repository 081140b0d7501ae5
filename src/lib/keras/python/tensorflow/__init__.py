"""``tensorflow.keras`` is this course's Keras, under the name the assignment's notebooks use.

Every ``tensorflow.keras.X`` is the very module ``keras.X``, so ``tensorflow.keras.layers.Conv2D``
is ``keras.layers.Conv2D``, and a submodule added to keras/ is reachable under both names.
Nothing else of TensorFlow is here.
"""

import importlib
import importlib.abc
import importlib.util
import sys

import keras

_PREFIX = f"{__name__}.keras"


class _KerasAlias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds ``tensorflow.keras[.X]`` as the module ``keras[.X]`` itself, not a copy."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != _PREFIX and not fullname.startswith(_PREFIX + "."):
            return None
        if importlib.util.find_spec(self._real(fullname)) is None:
            return None  # Python then says: No module named 'tensorflow.keras.X'
        return importlib.util.spec_from_loader(fullname, self)

    @staticmethod
    def _real(fullname):
        return "keras" + fullname[len(_PREFIX):]

    def create_module(self, spec):
        return importlib.import_module(self._real(spec.name))

    def exec_module(self, module):
        pass  # already run as keras.X


if not any(isinstance(finder, _KerasAlias) for finder in sys.meta_path):
    sys.meta_path.insert(0, _KerasAlias())
sys.modules[_PREFIX] = keras


# TensorFlow 1's way of running a graph, as the assignment's older test cells use it (_session.py).
from ._session import InteractiveSession, Session, global_variables_initializer, placeholder, reset_default_graph  # noqa: E402


class _Random:
    """``tf.random.set_seed(s)``: seeds the course's numpy, whose generator makes every random
    array here (TF.js's own initialisers take their seeds as arguments)."""

    @staticmethod
    def set_seed(seed):
        import numpy

        numpy.random.seed(seed)

    def __getattr__(self, attr):
        raise AttributeError(f"tf.random has no {attr} in this course's Python: it has set_seed; np.random makes random arrays")


random = _Random()


def __getattr__(attr):
    if attr.startswith("_"):
        raise AttributeError(attr)
    if attr in ("get_default_graph", "variable_scope", "get_variable", "ConfigProto", "train", "summary"):
        raise NotImplementedError(
            f"tf.{attr} is TensorFlow 1's, which this course's Python has only the sessions of: "
            "build a Model on Input(...) and call model.predict(X), as the test cell under the exercise does"
        )
    raise ImportError(f"tensorflow has no {attr} in this course's Python: only tensorflow.keras is here")
