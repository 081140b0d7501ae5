import * as tf from '@tensorflow/tfjs';

// The unit tests run TF.js's pure-JavaScript CPU backend in Node.
await tf.setBackend('cpu');
