/**
 * TF.js's BatchNormalization layer, with training steps run by our fused kernels
 * (src/lib/engine/bn-kernels.ts): two kernel calls per layer and step, where TF.js's own path
 * makes about eighty. Everything else is TF.js's layer as it is — inference, weights and their
 * names, `getConfig`, the class name 'BatchNormalization' in summaries and saved models — so
 * models built with it save, load and count parameters exactly as before.
 *
 * Importing this module changes nothing in TF.js: the kernels are registered by whoever starts a
 * backend (src/lib/engine/register.ts), and `registerBatchNormLayer` makes models TF.js loads
 * afterwards (ours or a Keras one) get this class.
 */
import * as tf from '@tensorflow/tfjs';
import { batchNormTrain, hasFusedBatchNorm } from '../engine/bn-kernels';
import { batchNormInternals } from '../engine/tf-internals';

type BatchNormArgs = NonNullable<Parameters<typeof tf.layers.batchNormalization>[0]>;
type BatchNormLayer = ReturnType<typeof tf.layers.batchNormalization>;
type Kwargs = Parameters<BatchNormLayer['call']>[1];

// TF.js 4.22 does not export the class; its factory makes one. Named, so that it takes no
// number from the sequence behind default names (batch_normalization_1, …).
const TfBatchNormalization = tf.layers.batchNormalization({ name: 'resnet_live_batch_norm_base' }).constructor as {
  new (args?: BatchNormArgs): BatchNormLayer;
  className: string;
  fromConfig: tf.serialization.SerializableConstructor<BatchNormLayer>['fromConfig'];
};

export class FusedBatchNormalization extends TfBatchNormalization {
  /** TF.js's own name, so summaries and saved models read as before. */
  static override className = 'BatchNormalization';

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    const x = Array.isArray(inputs) && inputs.length === 1 ? inputs[0]! : inputs;
    if (kwargs['training'] !== true || !this.fuses(x)) return super.call(inputs, kwargs);
    const state = batchNormInternals(this);
    return tf.tidy(() => {
      const { y, movingMean, movingVariance } = batchNormTrain(
        x as tf.Tensor4D,
        state.gamma!.read() as tf.Tensor1D,
        state.beta!.read() as tf.Tensor1D,
        state.movingMean.read() as tf.Tensor1D,
        state.movingVariance.read() as tf.Tensor1D,
        { epsilon: state.epsilon, momentum: state.momentum },
      );
      state.movingMean.write(movingMean);
      state.movingVariance.write(movingVariance);
      return y;
    });
  }

  /**
   * Whether the fused kernels cover this call: a float32 [N, H, W, C] input normalised over its
   * last axis, with γ and β, on a backend that has the kernels. Anything else is TF.js's path.
   */
  fuses(x: tf.Tensor | tf.Tensor[]): x is tf.Tensor4D {
    const state = batchNormInternals(this);
    if (Array.isArray(x) || x.rank !== 4 || x.dtype !== 'float32') return false;
    const axis = state.axis < 0 ? state.axis + 4 : state.axis;
    return axis === 3 && state.gamma != null && state.beta != null && hasFusedBatchNorm();
  }
}

/**
 * Makes TF.js deserialise 'BatchNormalization' as FusedBatchNormalization, so a model it loads
 * (saved by the lab, or a Keras one) trains with the fused kernels too. Idempotent: it replaces
 * TF.js's own entry under the same name.
 */
export function registerBatchNormLayer(): void {
  tf.serialization.registerClass(FusedBatchNormalization);
}

/** A BatchNormalization layer that trains with the fused kernels where the backend has them. */
export function batchNormalization(args: BatchNormArgs = {}): FusedBatchNormalization {
  return new FusedBatchNormalization(args);
}
