"""A premade Estimator (tf.estimator.DNNClassifier) -- not part of the numpy runtime."""
import numpy as np
import tf_upgrade.compat_v1 as tf

feature_columns = [tf.feature_column.numeric_column("x", shape=[4])]
classifier = tf.estimator.DNNClassifier(feature_columns=feature_columns, hidden_units=[10, 20, 10], n_classes=3)
train_input_fn = tf.estimator.inputs.numpy_input_fn(x={"x": np.random.rand(100, 4)},
                                                    y=np.random.randint(0, 3, 100), num_epochs=None, shuffle=True)
classifier.train(input_fn=train_input_fn, steps=100)
print("RESULT ok")
