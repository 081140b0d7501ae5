model = ResNet50(input_shape=(64, 64, 3), classes=6)
model.summary()
