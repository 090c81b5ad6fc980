"""``tf.train.Saver`` and checkpoint utilities on TensorFlow's V2 checkpoint format."""
