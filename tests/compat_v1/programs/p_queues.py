"""Queue input pipeline: string_input_producer, TextLineReader, decode_csv, train.batch,
Coordinator, start_queue_runners; OutOfRangeError at the end of the epochs."""
import os

from ._util import tolist


def _write_csvs(workdir):
    paths = []
    for k in range(2):
        p = os.path.join(workdir, "part%d.csv" % k)
        with open(p, "w") as f:
            f.write("a,b,c\n")
            for i in range(4):
                f.write("%d.5,%d,name%d_%d\n" % (i + 10 * k, i * k, k, i))
        paths.append(p)
    return paths


def run(tf, workdir):
    tf.reset_default_graph()
    paths = _write_csvs(workdir)
    queue = tf.train.string_input_producer(paths, num_epochs=2, shuffle=False)
    reader = tf.TextLineReader(skip_header_lines=1)
    key, value = reader.read(queue)
    a, b, c = tf.decode_csv(value, record_defaults=[[0.0], [0], [""]])
    feats = tf.stack([a, tf.cast(b, tf.float32)])
    batch_f, batch_c = tf.train.batch([feats, c], batch_size=3)
    out = {"batches": [], "shapes": batch_f.get_shape().as_list()}
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        sess.run(tf.global_variables_initializer())
        coord = tf.train.Coordinator()
        threads = tf.train.start_queue_runners(sess=sess, coord=coord)
        try:
            while not coord.should_stop():
                out["batches"].append(sess.run([batch_f, batch_c]))
        except tf.errors.OutOfRangeError:
            out["done"] = True
        finally:
            coord.request_stop()
        coord.join(threads)
    # single records, keys name the file and line
    tf.reset_default_graph()
    queue = tf.train.string_input_producer(paths[:1], num_epochs=1, shuffle=False)
    key, value = tf.TextLineReader().read(queue)
    recs = []
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        coord = tf.train.Coordinator()
        threads = tf.train.start_queue_runners(sess=sess, coord=coord)
        try:
            while True:
                k, v = sess.run([key, value])
                recs.append([os.path.basename(k.decode()), v])
        except tf.errors.OutOfRangeError:
            pass
        coord.request_stop()
        coord.join(threads)
    out["records"] = recs

    # the "Threading and Queues" guide: a FIFOQueue incremented in place
    tf.reset_default_graph()
    q = tf.FIFOQueue(3, "float")
    init = q.enqueue_many(([0., 0., 0.],))
    x = q.dequeue()
    q_inc = q.enqueue([x + 1])
    with tf.Session() as sess:
        init.run()
        for _ in range(4):
            q_inc.run()
        out["fifo_guide"] = [sess.run(x) for _ in range(3)]

    # a QueueRunner feeding a FIFOQueue from a producer; dequeue_many / dequeue_up_to at the end
    tf.reset_default_graph()
    (item,) = tf.train.slice_input_producer([tf.range(10) * 3], num_epochs=1, shuffle=False)
    fq = tf.FIFOQueue(capacity=20, dtypes=[tf.int32], shapes=[[]])
    tf.train.add_queue_runner(tf.train.QueueRunner(fq, [fq.enqueue(item)]))
    many = fq.dequeue_many(4)
    upto = fq.dequeue_up_to(4)
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        coord = tf.train.Coordinator()
        threads = tf.train.start_queue_runners(sess=sess, coord=coord)
        got = [sess.run(many), sess.run(many)]
        got.append(sess.run(upto))
        try:
            sess.run(upto)
            got.append("no error")
        except tf.errors.OutOfRangeError:
            got.append("OutOfRange")
        coord.request_stop()
        coord.join(threads)
    out["fifo_runner"] = got

    # enqueue_many slices + allow_smaller_final_batch; shuffle_batch contents (order is random in both)
    tf.reset_default_graph()
    rows = tf.train.slice_input_producer([tf.reshape(tf.range(14), [7, 2]), tf.range(7)], num_epochs=1,
                                         shuffle=False)
    b_small = tf.train.batch(rows, batch_size=3, allow_smaller_final_batch=True)
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        coord = tf.train.Coordinator()
        threads = tf.train.start_queue_runners(sess=sess, coord=coord)
        small = []
        try:
            while True:
                small.append(sess.run(b_small))
        except tf.errors.OutOfRangeError:
            pass
        coord.request_stop()
        coord.join(threads)
    out["smaller_final"] = small
    tf.reset_default_graph()
    (val,) = tf.train.slice_input_producer([tf.range(20)], num_epochs=1, shuffle=False)
    shuffled = tf.train.shuffle_batch([val], batch_size=6, capacity=30, min_after_dequeue=5, seed=3,
                                      allow_smaller_final_batch=True)
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        coord = tf.train.Coordinator()
        threads = tf.train.start_queue_runners(sess=sess, coord=coord)
        seen = []
        try:
            while True:
                seen.append(sess.run(shuffled).tolist())
        except tf.errors.OutOfRangeError:
            pass
        coord.request_stop()
        coord.join(threads)
    out["shuffle_batch_sizes"] = [len(b) for b in seen]
    out["shuffle_batch_contents"] = sorted(v for b in seen for v in b)
    return tolist(out)
