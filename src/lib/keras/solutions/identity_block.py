def identity_block(X, f, filters, stage, block):
    """The identity block: three components on the main path, then the input added back.

    X -- the block's input, of shape (m, n_H_prev, n_W_prev, n_C_prev)
    f -- the size of the middle CONV2D's window
    filters -- [F1, F2, F3], the numbers of filters of the three CONV2D layers
    stage, block -- where the block sits in the network, used to name its layers

    Returns the block's output, of shape (m, n_H, n_W, n_C).
    """

    # Layer names: res{stage}{block}_branch2a, bn{stage}{block}_branch2a, ...
    conv_name_base = 'res' + str(stage) + block + '_branch'
    bn_name_base = 'bn' + str(stage) + block + '_branch'

    # The numbers of filters of the three CONV2D layers.
    F1, F2, F3 = filters

    # Keep the input: the shortcut adds it back at the end.
    X_shortcut = X

    # First component of the main path.
    X = Conv2D(filters = F1, kernel_size = (1, 1), strides = (1,1), padding = 'valid', name = conv_name_base + '2a', kernel_initializer = glorot_uniform(seed=0))(X)
    X = BatchNormalization(axis = 3, name = bn_name_base + '2a')(X)
    X = Activation('relu')(X)

    # Second component of the main path.
    X = Conv2D(filters = F2, kernel_size = (f, f), strides = (1,1), padding = 'same', name = conv_name_base + '2b', kernel_initializer = glorot_uniform(seed=0))(X)
    X = BatchNormalization(axis = 3, name = bn_name_base + '2b')(X)
    X = Activation('relu')(X)

    # Third component of the main path.
    X = Conv2D(filters = F3, kernel_size = (1, 1), strides = (1,1), padding = 'valid', name = conv_name_base + '2c', kernel_initializer = glorot_uniform(seed=0))(X)
    X = BatchNormalization(axis = 3, name = bn_name_base + '2c')(X)

    # Final step: add the shortcut to the main path, then apply a ReLU.
    X = Add()([X, X_shortcut])
    X = Activation('relu')(X)

    return X
