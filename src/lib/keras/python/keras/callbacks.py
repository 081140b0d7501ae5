"""What ``model.fit`` reports as it trains: ``History`` (returned by fit), Keras's progress lines,
and the points of the live chart.

The chart's points go to ``_resnet_live_kernel.fit_event``, a JavaScript module the notebook
kernel registers; the events are src/lib/kernel/protocol.ts's ``FitEvent``. Without that module
(a grading run, the unit tests) fit trains all the same, without a chart.
"""

from . import _support as s

__all__ = ["Callback", "History"]


class Callback:
    """The base of fit's callbacks, as in Keras: override the hooks you need."""

    def __init__(self):
        self.model = None
        self.params = {}

    def set_model(self, model):
        self.model = model

    def set_params(self, params):
        self.params = params

    def on_train_begin(self, logs=None):
        pass

    def on_train_end(self, logs=None):
        pass

    def on_epoch_begin(self, epoch, logs=None):
        pass

    def on_epoch_end(self, epoch, logs=None):
        pass

    def on_train_batch_end(self, batch, logs=None):
        self.on_batch_end(batch, logs)

    def on_batch_end(self, batch, logs=None):
        pass


class History(Callback):
    """``history.history``: one list per measure ('loss', 'accuracy', 'val_loss', …), one value per
    epoch; ``history.epoch``: the epochs' indices, from 0."""

    def __init__(self):
        super().__init__()
        self.epoch = []
        self.history = {}

    def on_epoch_end(self, epoch, logs=None):
        self.epoch.append(epoch)
        for key, value in (logs or {}).items():
            self.history.setdefault(key, []).append(value)

    def __repr__(self):
        return f"<History epochs={len(self.epoch)} keys={list(self.history)}>"


def check_callbacks(value):
    """fit's ``callbacks=``: a list of Callback objects (anything with Keras's hooks)."""
    if value is None:
        return []
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"fit: callbacks must be a list of Callback objects, got {s.describe(value)}")
    for item in value:
        if not all(hasattr(item, hook) for hook in ("set_model", "on_epoch_end", "on_train_batch_end")):
            raise TypeError(
                f"fit: callbacks must be Callback objects (subclass keras.callbacks.Callback), got {s.describe(item)}"
            )
    return list(value)


def _value(v):
    """A measure as Keras prints it: four decimals, or scientific when it is tiny."""
    return f"{v:.4f}" if abs(v) > 1e-3 else f"{v:.4e}"


def _per_step(seconds):
    if seconds >= 1 or seconds == 0:
        return f"{seconds:.0f}s/step"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.0f}ms/step"
    return f"{seconds * 1e6:.0f}us/step"


def progress_line(steps, seconds, logs, verbose=1):
    """Keras's line at the end of an epoch (or of evaluate):
    ``34/34 [==============================] - 3s 88ms/step - loss: 1.2345 - accuracy: 0.5612``;
    verbose=2 leaves out the bar and the time per step."""
    measures = "".join(f" - {key}: {_value(value)}" for key, value in logs.items())
    if verbose == 2:
        return f"{steps}/{steps} - {seconds:.0f}s{measures}"
    return f"{steps}/{steps} [{'=' * 30}] - {seconds:.0f}s {_per_step(seconds / max(1, steps))}{measures}"


class Chart:
    """Sends fit's points to the notebook's live chart, when the kernel provides one."""

    def __init__(self):
        self._begun = False
        try:
            import _resnet_live_kernel as kernel

            self._send = getattr(kernel, "fit_event", None)
        except ImportError:
            self._send = None

    def _emit(self, **event):
        if self._send is not None:
            self._send(s.js(event))

    def begin(self, epochs, steps, validation):
        self._begun = True
        self._emit(kind="begin", epochs=epochs, batchesPerEpoch=steps, validation=validation)

    def batch(self, epoch, batch, loss, accuracy):
        """``epoch`` and ``batch`` count from 1, as the lab's reports do."""
        self._emit(kind="batch", epoch=epoch, batch=batch, loss=float(loss), accuracy=float(accuracy))

    def epoch(self, epoch, loss, accuracy, val_loss=None, val_accuracy=None):
        event = {"kind": "epoch", "epoch": epoch, "loss": float(loss), "accuracy": float(accuracy)}
        if val_loss is not None:
            event["valLoss"] = float(val_loss)
            event["valAccuracy"] = float(val_accuracy)
        self._emit(**event)

    def end(self, stopped):
        if self._begun:
            self._emit(kind="end", stopped=stopped)


def __getattr__(attr):
    if attr.startswith("_"):
        raise AttributeError(attr)
    raise ImportError(f"keras.callbacks has no {attr} in this course's Keras; it has Callback and History")
