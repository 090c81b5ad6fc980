import tensorflow as tf


def run(cluster_spec, job_name, task_index, logdir):
    cluster = tf.train.ClusterSpec(cluster_spec)
    server = tf.train.Server(cluster, job_name=job_name, task_index=task_index)
    with tf.device(tf.train.replica_device_setter(cluster=cluster)):
        global_step = tf.train.get_or_create_global_step()
        loss = tf.Variable(1.0) * tf.cast(global_step, tf.float32)
        train_op = tf.train.AdamOptimizer().minimize(loss, global_step=global_step)
    sv = tf.train.Supervisor(is_chief=task_index == 0, logdir=logdir, global_step=global_step)
    with sv.managed_session(server.target) as sess:
        while not sv.should_stop():
            sess.run(train_op)
