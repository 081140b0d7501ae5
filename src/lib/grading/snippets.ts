/**
 * The layer calls the skeletons and the solutions are written with, as TypeScript source text,
 * so both show each step in exactly the same form.
 */

/** `X = tf.layers.conv2d({ … name, seed 0 … }).apply(X)`; input and output variables can differ. */
export const conv = (filters: string, kernel: string, strides: string, padding: string, name: string, input = 'X', output = 'X') =>
  `${output} = tf.layers.conv2d({ filters: ${filters}, kernelSize: ${kernel}, strides: ${strides}, padding: '${padding}', name: ${name}, kernelInitializer: tf.initializers.glorotUniform({ seed: 0 }) }).apply(${input}) as tf.SymbolicTensor;`;

/** BatchNorm over the channels axis, applied in place to `v`. */
export const bn = (name: string, v = 'X') => `${v} = tf.layers.batchNormalization({ axis: 3, name: ${name} }).apply(${v}) as tf.SymbolicTensor;`;

export const relu = `X = tf.layers.activation({ activation: 'relu' }).apply(X) as tf.SymbolicTensor;`;

export const add = `X = tf.layers.add().apply([X, XShortcut]) as tf.SymbolicTensor;`;
