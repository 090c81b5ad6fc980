import tensorflow as tf

loss = tf.placeholder(tf.float32, [])
weights = tf.get_variable("weights", [10])
tf.summary.scalar("loss", loss, collections=["train"])
tf.summary.histogram("weights", weights)
merged = tf.summary.merge_all()
writer = tf.summary.FileWriter("/tmp/logs")
