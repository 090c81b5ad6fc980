"""Export a tf.Module with signatures, load it back and call it."""
import tensorflow as tf


class Scaler(tf.Module):
    def __init__(self, scale):
        super().__init__()
        self.scale = tf.Variable(scale)

    @tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
    def __call__(self, x):
        return x * self.scale


module = Scaler(2.0)
export_dir = "/tmp/scaler"
tf.saved_model.save(module, export_dir, signatures={"serving_default": module.__call__})

restored = tf.saved_model.load(export_dir)
print(restored(tf.constant([1.0, 2.0])))
serving = restored.signatures["serving_default"]
print(serving(x=tf.constant([3.0])))


def load_for_inference(path):
    loaded = tf.saved_model.load(path, tags=["serve"])
    return loaded.signatures["serving_default"]
