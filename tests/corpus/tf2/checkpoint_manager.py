"""Object-based checkpoints with tf.train.Checkpoint and CheckpointManager."""
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(4), tf.keras.layers.Dense(1)])
model.build((None, 3))
optimizer = tf.keras.optimizers.SGD(0.1)
ckpt = tf.train.Checkpoint(step=tf.Variable(1), optimizer=optimizer, model=model)
manager = tf.train.CheckpointManager(ckpt, "/tmp/tf_ckpts", max_to_keep=3)

ckpt.restore(manager.latest_checkpoint)
if manager.latest_checkpoint:
    print("Restored from", manager.latest_checkpoint)

for _ in range(5):
    ckpt.step.assign_add(1)
    if int(ckpt.step) % 2 == 0:
        path = manager.save()
        print("saved", path)

reader = tf.train.load_checkpoint("/tmp/tf_ckpts")
shapes = reader.get_variable_to_shape_map()
