import tensorflow as tf


def activation_summary(x):
    name = x.op.name
    tf.summary.histogram(name + "/activations", x)
    tf.summary.scalar(name + "/sparsity", tf.nn.zero_fraction(x))


def image_summaries(images, max_outputs=3):
    tf.summary.image("inputs", images, max_outputs=max_outputs)
    tf.summary.text("note", tf.constant("batch"))
    return tf.summary.merge_all()


def writer(logdir, graph):
    return tf.summary.FileWriter(logdir, graph=graph, flush_secs=30)
