history = model.fit(X_train, Y_train, epochs=2, batch_size=32)
