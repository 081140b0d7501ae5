"""``Adam`` and ``SGD``: the training lab's two optimizers, as ``model.compile`` takes them.

An optimizer here is only its settings. ``model.compile`` hands them to the lab's fused TF.js
optimizers (src/lib/engine/fused-optimizers.ts), so a step is the lab's own; each compile starts
the optimizer's state (Adam's moments, SGD's momentum) afresh.
"""

from . import _support as s

SUPPORTED = "'adam', 'sgd', Adam(learning_rate=...) or SGD(learning_rate=..., momentum=...)"
__all__ = ["Optimizer", "Adam", "SGD", "get"]


def _rate(owner, args):
    """Keras 2 spelled it ``lr``; both are taken, not together."""
    if args["lr"] is not None:
        if args["learning_rate"] is not None:
            raise TypeError(f"{owner}: give learning_rate or lr, not both")
        args["learning_rate"] = args["lr"]
    return args


def _number(owner, arg, value, low, high=None, open_low=True):
    """A float in (low, high] or [low, high]: the error names the argument and the range."""
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    ok = ok and (value > low if open_low else value >= low) and (high is None or value <= high)
    if not ok:
        bound = f"above {low}" if open_low else f"at least {low}"
        upper = f" and at most {high}" if high is not None else ""
        raise ValueError(f"{owner}: {arg} must be a number {bound}{upper}, got {value!r}")
    return float(value)


def _refuse(owner, args, defaults):
    for arg, default in defaults.items():
        if args[arg] != default:
            raise ValueError(
                f"{owner}: {arg}={args[arg]!r} is not supported in this course's Keras; "
                f"leave it at {default!r} (the training lab's optimizers have no {arg})"
            )


class Optimizer:
    """What the optimizers share: their settings, for ``model.compile``."""

    _kind = None

    def get_config(self):
        return dict(self._config)

    @property
    def learning_rate(self):
        return self._config["learning_rate"]

    lr = learning_rate

    def _spec(self):
        """The settings as src/lib/keras/train-bridge.ts's OptimizerSpec names them."""
        raise NotImplementedError

    def __repr__(self):
        settings = ", ".join(f"{k}={v!r}" for k, v in self._config.items())
        return f"{type(self).__name__}({settings})"


class Adam(Optimizer):
    """Adam, as ``tf.keras.optimizers.Adam``; epsilon left out is TF.js's (1e-7), as in the lab."""

    def __init__(self, *args, **kwargs):
        params = [
            ("learning_rate", None),
            ("beta_1", 0.9),
            ("beta_2", 0.999),
            ("epsilon", None),
            ("amsgrad", False),
            ("name", "Adam"),
            ("lr", None),
            ("decay", 0.0),
        ]
        v = _rate("Adam", s.bind("Adam", params, 4, args, kwargs))
        _refuse("Adam", v, {"amsgrad": False, "decay": 0.0})
        rate = 0.001 if v["learning_rate"] is None else v["learning_rate"]
        self._config = {
            "learning_rate": _number("Adam", "learning_rate", rate, 0),
            "beta_1": _number("Adam", "beta_1", v["beta_1"], 0, 1, open_low=False),
            "beta_2": _number("Adam", "beta_2", v["beta_2"], 0, 1, open_low=False),
            "epsilon": None if v["epsilon"] is None else _number("Adam", "epsilon", v["epsilon"], 0),
        }
        self.name = v["name"]

    def _spec(self):
        c = self._config
        spec = {"kind": "adam", "learningRate": c["learning_rate"], "beta1": c["beta_1"], "beta2": c["beta_2"]}
        if c["epsilon"] is not None:
            spec["epsilon"] = c["epsilon"]
        return spec


class SGD(Optimizer):
    """Stochastic gradient descent with optional (Nesterov) momentum, as ``tf.keras.optimizers.SGD``."""

    def __init__(self, *args, **kwargs):
        params = [
            ("learning_rate", None),
            ("momentum", 0.0),
            ("nesterov", False),
            ("name", "SGD"),
            ("lr", None),
            ("decay", 0.0),
        ]
        v = _rate("SGD", s.bind("SGD", params, 3, args, kwargs))
        _refuse("SGD", v, {"decay": 0.0})
        if not isinstance(v["nesterov"], bool):
            raise TypeError(f"SGD: nesterov must be True or False, got {v['nesterov']!r}")
        rate = 0.01 if v["learning_rate"] is None else v["learning_rate"]
        self._config = {
            "learning_rate": _number("SGD", "learning_rate", rate, 0),
            "momentum": _number("SGD", "momentum", v["momentum"], 0, 1, open_low=False),
            "nesterov": v["nesterov"],
        }
        self.name = v["name"]

    def _spec(self):
        c = self._config
        return {"kind": "sgd", "learningRate": c["learning_rate"], "momentum": c["momentum"], "nesterov": c["nesterov"]}


_BY_NAME = {"adam": Adam, "sgd": SGD}


def get(identifier):
    """An optimizer from what ``compile`` was given: a name ('adam', 'sgd') or an instance."""
    if isinstance(identifier, Optimizer) or hasattr(identifier, "_spec"):
        return identifier
    if isinstance(identifier, str) and identifier.lower() in _BY_NAME:
        return _BY_NAME[identifier.lower()]()
    raise ValueError(
        f"compile: optimizer={identifier!r} is not supported; this course's Keras trains with the lab's "
        f"optimizers: {SUPPORTED}"
    )


def __getattr__(attr):
    if attr.startswith("_"):
        raise AttributeError(attr)
    raise ImportError(f"keras.optimizers has no {attr} in this course's Keras; it has Adam and SGD")
