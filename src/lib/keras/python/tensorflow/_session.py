"""TensorFlow 1's sessions, as far as the assignment's older test cells use them::

    tf.reset_default_graph()
    with tf.Session() as test:
        A_prev = tf.placeholder("float", [3, 4, 4, 6])
        A = identity_block(A_prev, f=2, filters=[2, 4, 6], stage=1, block='a')
        test.run(tf.global_variables_initializer())
        out = test.run([A], feed_dict={A_prev: X, K.learning_phase(): 0})

A placeholder is an ``Input`` (its first axis, the batch, left out); ``run`` builds a Model from
the placeholders fed to the tensors asked for and predicts, in inference mode, as the test cells
ask with ``K.learning_phase(): 0``. Initialising does nothing: layers here hold their weights from
the start. Anything else of TensorFlow 1 says what to write instead.
"""

from keras.layers import Input, KerasTensor
from keras.models import Model


def placeholder(dtype, shape=None, name=None):
    if not isinstance(shape, (list, tuple)) or len(shape) < 2:
        raise ValueError(f"tf.placeholder: shape must list the batch and the input's axes, such as [3, 4, 4, 6]; got {shape!r}")
    return Input(shape=tuple(shape[1:]), name=name)


def reset_default_graph():
    """Nothing to reset: each model here is built from its own Input."""


class _Initializer:
    def __repr__(self):
        return "<global_variables_initializer: the layers' weights are set when they are made>"


def global_variables_initializer():
    return _Initializer()


def _fed(feed_dict):
    """The placeholders fed, and their arrays; other keys (the learning phase) are left out."""
    inputs, arrays = [], []
    for key, value in (feed_dict or {}).items():
        if isinstance(key, KerasTensor):
            inputs.append(key)
            arrays.append(value)
    return inputs, arrays


class Session:
    """``with tf.Session() as test: … test.run(...)``: runs the tensors asked for on the arrays fed."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def close(self):
        pass

    def run(self, fetches, feed_dict=None):
        if isinstance(fetches, _Initializer) or fetches is None:
            return None
        many = isinstance(fetches, (list, tuple))
        wanted = list(fetches) if many else [fetches]
        inputs, arrays = _fed(feed_dict)
        if not inputs:
            raise ValueError("Session.run: feed_dict must give each placeholder its array, such as {A_prev: X}")
        results = []
        for tensor in wanted:
            if not isinstance(tensor, KerasTensor):
                raise TypeError(f"Session.run: can run the tensors a model computes, not {type(tensor).__name__}")
            model = Model(inputs=inputs if len(inputs) > 1 else inputs[0], outputs=tensor)
            results.append(model.predict(arrays if len(arrays) > 1 else arrays[0]))
        return results if many else results[0]


InteractiveSession = Session
