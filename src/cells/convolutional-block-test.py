np.random.seed(1)
X = np.random.randn(3, 4, 4, 6).astype(np.float32)

A_prev = Input(shape=(4, 4, 6))
A = convolutional_block(A_prev, f=2, filters=[2, 4, 6], stage=1, block='a', s=2)
test_model = Model(inputs=A_prev, outputs=A)

out = test_model.predict(X)
print("out.shape =", out.shape)
print("out[1][1][0] =", out[1][1][0])
