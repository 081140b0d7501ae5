def ResNet50(input_shape = (64, 64, 3), classes = 6):
    """ResNet-50: CONV2D -> BATCHNORM -> RELU -> MAXPOOL -> CONVBLOCK -> IDBLOCK*2 -> CONVBLOCK
    -> IDBLOCK*3 -> CONVBLOCK -> IDBLOCK*5 -> CONVBLOCK -> IDBLOCK*2 -> AVGPOOL -> FLATTEN -> DENSE

    input_shape -- the shape of one image
    classes -- the number of classes

    Returns the model, a Model.
    """
    # The input, then zero-padding of (3, 3).
    X_input = Input(input_shape)
    X = ZeroPadding2D((3, 3))(X_input)

    # Stage 1
    X = Conv2D(64, (7, 7), strides = (2, 2), name = 'conv1', kernel_initializer = glorot_uniform(seed=0))(X)
    X = BatchNormalization(axis = 3, name = 'bn_conv1')(X)
    X = Activation('relu')(X)
    X = MaxPooling2D((3, 3), strides=(2, 2))(X)

    # Stage 2: identity_block and convolutional_block are the reference blocks, already defined.
    X = convolutional_block(X, f = 3, filters = [64, 64, 256], stage = 2, block='a', s = 1)
    X = identity_block(X, 3, [64, 64, 256], stage=2, block='b')
    X = identity_block(X, 3, [64, 64, 256], stage=2, block='c')

    # Stage 3 (4 lines).
    # YOUR CODE HERE

    # Stage 4 (6 lines).
    # YOUR CODE HERE

    # Stage 5 (3 lines).
    # YOUR CODE HERE

    # Average pooling named 'avg_pool', flatten, and the softmax Dense layer named 'fc' + str(classes) (3 lines).
    # YOUR CODE HERE

    model = Model(inputs = X_input, outputs = X, name='ResNet50')
    return model
