"""Save a model, then rebuild it from the .meta file with tf.train.import_meta_graph (the runtime's
own graph description: it reads the .meta files it wrote)."""
import tf_upgrade.compat_v1 as tf

w = tf.Variable([1.0, 2.0], name="w")
y = tf.reduce_sum(w * 2.0, name="y")
saver = tf.train.Saver()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    saver.save(sess, "model/m")

tf.reset_default_graph()
with tf.Session() as sess:
    new_saver = tf.train.import_meta_graph("model/m.meta")
    new_saver.restore(sess, "model/m")
    print(sess.run("y:0"))
print("RESULT ok")
