import tensorflow as tf


def decoder(cell, helper, initial_state, output_layer):
    decoder = tf.contrib.seq2seq.BasicDecoder(cell, helper, initial_state, output_layer=output_layer)
    outputs, _, _ = tf.contrib.seq2seq.dynamic_decode(decoder, maximum_iterations=50)
    return outputs


def tpu_estimator(model_fn, model_dir, tpu_name):
    resolver = tf.contrib.cluster_resolver.TPUClusterResolver(tpu=tpu_name)
    config = tf.contrib.tpu.RunConfig(cluster=resolver, model_dir=model_dir,
                                      tpu_config=tf.contrib.tpu.TPUConfig(iterations_per_loop=100))
    return tf.contrib.tpu.TPUEstimator(model_fn=model_fn, config=config, train_batch_size=1024)
