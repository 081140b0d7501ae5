"""How a Model trains: ``compile``, ``fit``, ``evaluate``, ``predict`` (keras/models.py calls them).

A step is the training lab's own (src/lib/keras/train-bridge.ts): the same fused optimizers, the
same loss, the same seeded order of examples (``shuffled(m, seed + epoch)``, epochs from 1), so
a fit and the lab's trainer on the same model, data and seed give the same losses. The loop
over batches is Python's, so Stop (the page's interrupt) ends a fit between two steps.

Data are tensors: a course numpy array (its ``_tensor()``) or a TF.js tensor. Results go back as
course numpy arrays (``numpy.from_tensor``), imported only when needed.
"""

import math
import time

from pyodide.ffi import JsProxy

import _resnet_live_train as train

from . import _support as s
from . import callbacks as cbks
from . import losses, optimizers

METRICS = ("accuracy", "acc", "categorical_accuracy")
DEFAULT_SEED = 2016
"""The lab's seed when none is given, used when numpy.random.seed was not called."""


def seed():
    """The seed numpy.random.seed(s) set, if the course's numpy recorded one; else the lab's."""
    try:
        import numpy

        value = getattr(getattr(numpy, "random", None), "_seed", None)
    except ImportError:
        value = None
    return DEFAULT_SEED if value is None else int(value)


def as_tensor(owner, arg, value):
    """The TF.js tensor behind ``value``: a course numpy array, a TF.js tensor, or a list."""
    if hasattr(value, "_tensor"):
        return value._tensor()
    if isinstance(value, JsProxy) and train.isTensor(value):
        return value
    if value is None:
        raise TypeError(f"{owner}: {arg} is missing; give the data as an array, such as {arg}=X_train")
    try:
        import numpy

        return numpy.array(value)._tensor()
    except Exception:
        raise TypeError(f"{owner}: {arg} must be an array (numpy or a tensor), got {s.describe(value)}") from None


def shape(tensor):
    return s.shape_of(tensor.shape)


def check_xy(model, owner, x, y, x_arg="x", y_arg="y"):
    """x (m, H, W, C) as the model takes it and y (m, classes) one-hot, as TF.js tensors."""
    x = as_tensor(owner, x_arg, x)
    want = s.shape_of(model._js.inputs[0].shape)
    got = shape(x)
    if len(got) != len(want) or any(w is not None and w != g for w, g in zip(want[1:], got[1:])):
        raise ValueError(
            f"{owner}: {x_arg} has shape {s.format_shape(got)} but the model takes {s.format_shape(want)}: "
            f"give one example per row, shaped as the model's Input"
        )
    if y is None:
        return x, None
    y = as_tensor(owner, y_arg, y)
    classes = s.shape_of(model._js.outputs[0].shape)[-1]
    m, ys = got[0], shape(y)
    if ys == (classes, m) and m != classes:
        raise ValueError(f"{owner}: {y_arg} has shape {s.format_shape(ys)}, one column per example; give {y_arg}.T")
    if len(ys) != 2 or ys[1] != classes:
        raise ValueError(
            f"{owner}: {y_arg} must be one-hot labels of shape (m, {classes}), got {s.format_shape(ys)}; "
            f"from class indices, use convert_to_one_hot(Y, {classes}).T"
        )
    if ys[0] != m:
        raise ValueError(f"{owner}: {x_arg} has {m} examples but {y_arg} has {ys[0]}; give one label per example")
    return x, y


def stop_point():
    """Where Stop takes effect: before a step, at once, rather than when Python next looks."""
    if train.stopRequested():
        raise KeyboardInterrupt


def check_batch(owner, value):
    return 32 if value is None else s.positive_int(owner, "batch_size", value)


def verbosity(owner, value):
    if value == "auto":
        return 1
    return s.choice(owner, "verbose", value, (0, 1, 2))


def compile_model(model, optimizer, loss, metrics):
    """Compiles ``model._js`` as the lab does; the metric names the history's key."""
    losses.get(loss)
    chosen = optimizers.get(optimizer)
    if metrics is None:
        metrics = []
    if isinstance(metrics, str):
        metrics = [metrics]
    if not isinstance(metrics, (list, tuple)) or len(metrics) > 1 or any(m not in METRICS for m in metrics):
        raise ValueError(
            f"compile: metrics={metrics!r} is not supported; this course's Keras measures accuracy: metrics=['accuracy']"
        )
    if model._js_optimizer is not None:
        train.disposeOptimizer(model._js_optimizer)
        model._js_optimizer = None
    model._js_optimizer = s.call_js("compile", train.compile, model._js, s.js(chosen._spec()))
    model.optimizer = chosen
    model.loss = "categorical_crossentropy"
    model._metric = metrics[0] if metrics else None


def need_compile(model, owner):
    if model._js_optimizer is None:
        raise RuntimeError(
            f"{owner}: you must compile your model before training/testing: "
            f"model.compile(optimizer='adam', loss='categorical_crossentropy', metrics=['accuracy'])"
        )


def measures(model, loss, accuracy, prefix=""):
    logs = {f"{prefix}loss": loss}
    if model._metric:
        logs[f"{prefix}{model._metric}"] = accuracy
    return logs


def validation(model, data, split, x, y, owned):
    """fit's validation data and the training part of x, y: Keras takes the last
    ``validation_split`` of the examples, before any shuffling."""
    if data is not None:
        if not isinstance(data, (tuple, list)) or len(data) != 2:
            raise ValueError("fit: validation_data must be a pair (X_val, Y_val)")
        xv, yv = check_xy(model, "fit", data[0], data[1], "validation_data[0]", "validation_data[1]")
        return x, y, xv, yv
    if not split:
        return x, y, None, None
    if not isinstance(split, (int, float)) or not 0 < split < 1:
        raise ValueError(f"fit: validation_split must be a fraction between 0 and 1, such as 0.1, got {split!r}")
    m = shape(x)[0]
    at = int(m * (1.0 - split))
    if at < 1 or at >= m:
        raise ValueError(f"fit: validation_split={split} of {m} examples leaves no examples to train or to validate on")
    parts = [train.slice(x, 0, at), train.slice(y, 0, at), train.slice(x, at, m - at), train.slice(y, at, m - at)]
    owned.extend(parts)
    return parts


def fit(model, x, y, batch_size, epochs, verbose, callbacks, validation_split, validation_data, shuffle):
    need_compile(model, "fit")
    x, y = check_xy(model, "fit", x, y)
    size = check_batch("fit", batch_size)
    epochs = s.positive_int("fit", "epochs", epochs)
    verbose = verbosity("fit", verbose)
    if not isinstance(shuffle, bool):
        raise ValueError(f"fit: shuffle must be True or False, got {shuffle!r}")
    extra = cbks.check_callbacks(callbacks)
    owned = []
    chart = cbks.Chart()
    stopped = True
    try:
        # The split's tensors are freed however the fit ends; the chart hears of an end only if it began.
        x, y, xv, yv = validation(model, validation_data, validation_split, x, y, owned)
        m = shape(x)[0]
        steps = math.ceil(m / size)
        history = model.history = cbks.History()
        every = [history, *extra]
        for callback in every:
            callback.set_model(model)
            callback.set_params({"epochs": epochs, "steps": steps, "verbose": verbose})
        start_seed = seed()
        chart.begin(epochs, steps, xv is not None)
        for callback in every:
            callback.on_train_begin({})
        logs = {}
        for epoch in range(epochs):
            started = time.perf_counter()
            if verbose:
                print(f"Epoch {epoch + 1}/{epochs}")
            for callback in every:
                callback.on_epoch_begin(epoch, {})
            order = train.order(m, start_seed + epoch + 1 if shuffle else None)
            loss_sum = accuracy_sum = 0.0
            for batch in range(steps):
                stop_point()
                first, last = batch * size, min(m, (batch + 1) * size)
                loss, accuracy = s.call_js("fit", train.trainStep, model._js, x, y, order, first, last)
                loss_sum += loss * (last - first)
                accuracy_sum += accuracy * (last - first)
                chart.batch(epoch + 1, batch + 1, loss, accuracy)
                batch_logs = {"batch": batch, "size": last - first, **measures(model, loss, accuracy)}
                for callback in every:
                    callback.on_train_batch_end(batch, batch_logs)
            logs = measures(model, loss_sum / m, accuracy_sum / m)
            val = None
            if xv is not None:
                stop_point()
                val = train.evaluate(model._js, xv, yv, train.validationBatch)
                logs.update(measures(model, val[0], val[1], "val_"))
            for callback in every:
                callback.on_epoch_end(epoch, dict(logs))
            if verbose:
                print(cbks.progress_line(steps, time.perf_counter() - started, logs, verbose))
            chart.epoch(epoch + 1, loss_sum / m, accuracy_sum / m, *(val or ()))
        stopped = False
        for callback in every:
            callback.on_train_end(dict(logs))
        return history
    finally:
        chart.end(stopped)
        for tensor in owned:
            train.dispose(tensor)


def evaluate(model, x, y, batch_size, verbose):
    need_compile(model, "evaluate")
    x, y = check_xy(model, "evaluate", x, y)
    size = check_batch("evaluate", batch_size)
    verbose = verbosity("evaluate", verbose)
    started = time.perf_counter()
    loss, accuracy = train.evaluate(model._js, x, y, size)
    if verbose:
        steps = math.ceil(shape(x)[0] / size)
        print(cbks.progress_line(steps, time.perf_counter() - started, measures(model, loss, accuracy), verbose))
    return [loss, accuracy] if model._metric else loss


def predict(model, x, batch_size):
    # Imported first: the array takes the tensor predict makes, so nothing is left without an owner.
    import numpy

    x, _ = check_xy(model, "predict", x, None)
    size = check_batch("predict", batch_size)
    return numpy.from_tensor(s.call_js("predict", train.predict, model._js, x, size))


def train_on_batch(model, x, y):
    need_compile(model, "train_on_batch")
    x, y = check_xy(model, "train_on_batch", x, y)
    m = shape(x)[0]
    loss, accuracy = train.trainStep(model._js, x, y, train.order(m, None), 0, m)
    return [loss, accuracy] if model._metric else loss
