"""Queue input pipelines in tf-upgrade modernize (modernize/pipeline.py): what becomes tf.data,
and the declines (TFU506) at the line of the construct the lifter does not map."""
import textwrap

from tf_upgrade.modernize import legacy_use, modernize_text

PROGRAM = textwrap.dedent('''\
    import tensorflow as tf

    files = tf.train.string_input_producer(["a.csv", "b.csv"], num_epochs=3)
    reader = tf.TextLineReader()
    key, line = reader.read(files)
    x, y = tf.decode_csv(line, record_defaults=[[0.0], [0.0]])
    xs, ys = tf.train.batch([x, y], batch_size=4, allow_smaller_final_batch=True)
    total = tf.reduce_sum(xs * ys)
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        coord = tf.train.Coordinator()
        threads = tf.train.start_queue_runners(sess=sess, coord=coord)
        try:
            while not coord.should_stop():
                print(sess.run(total))
        except tf.errors.OutOfRangeError:
            pass
        finally:
            coord.request_stop()
            coord.join(threads)
    ''')


def _first(text):
    r = modernize_text(text, "p.py")
    d = next(d for d in r.diagnostics if d.rule.startswith("TFU5"))
    return d.rule, d.line, r


def test_producer_reader_batch_become_a_dataset():
    rule, _, r = _first(PROGRAM)
    assert rule == "TFU500", [d.format() for d in r.diagnostics]
    code = r.code
    assert legacy_use(code) is None and "Coordinator" not in code and "queue_runners" not in code
    # two files, shuffled per epoch (TF 1.x's default), 3 epochs, the short last batch kept
    assert 'from_tensor_slices(["a.csv", "b.csv"])\n    .shuffle(len(["a.csv", "b.csv"]))\n    .repeat(3)' in code
    assert ".batch(4)" in code and "drop_remainder" not in code
    assert "while True:" in code and "except tf.errors.OutOfRangeError:" in code
    assert "compute_total(*batches.get_next())" in code
    assert "finally" not in code


def test_the_reader_key_declines_where_it_is_read():
    text = PROGRAM.replace("xs, ys = tf.train.batch([x, y]", "xs, ys = tf.train.batch([x, tf.strings.length(key) * y]")
    rule, line, _ = _first(text.replace("tf.strings.length(key) * y", "y + tf.cast(tf.strings.length(key), tf.float32)"))
    assert (rule, line) == ("TFU506", 7)


def test_dynamic_pad_and_unbatched_records_decline():
    assert _first(PROGRAM.replace("allow_smaller_final_batch=True", "dynamic_pad=True"))[:2] == ("TFU506", 7)
    unbatched = PROGRAM.replace("print(sess.run(total))", "print(sess.run(x))")
    assert _first(unbatched)[0] == "TFU506"


def test_per_example_code_reading_a_graph_value_declines():
    text = PROGRAM.replace('files = tf.train', 'scale = tf.constant(2.0)\nfiles = tf.train').replace(
        "x, y = tf.decode_csv(line, record_defaults=[[0.0], [0.0]])",
        "x, y = tf.decode_csv(line, record_defaults=[[0.0], [0.0]])\nx = x * scale")
    assert _first(text)[:2] == ("TFU506", 8)
