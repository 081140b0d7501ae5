x = X_test[0:1]
print("Input image shape:", x.shape)
print("class prediction vector [p(0), p(1), p(2), p(3), p(4), p(5)] =")
print(model.predict(x))
print("predicted class:", np.argmax(model.predict(x)), " true class:", Y_test_orig[0, 0])
