"""Program shapes of tf-upgrade modernize (modernize/entry.py): the graph built and run in
`def main(_):` started by tf.app.run(), graph-building helpers copied into main, and the
lines of a decline inside a copied helper pointing at the helper's own line."""
import ast
import textwrap
from pathlib import Path

import pytest

from tf_upgrade.modernize import legacy_use, modernize_text


def _rules(result):
    return [(d.rule, d.line) for d in result.diagnostics if d.rule.startswith("TFU5")]


PROGRAM = textwrap.dedent('''\
    import tensorflow as tf


    def block(inputs, name):
        with tf.variable_scope(name):
            w = tf.get_variable("w", [2, 2]{extra})
            out = tf.matmul(inputs, w)
        return out


    def main(_):
        x = tf.placeholder(tf.float32, [None, 2])
        h = block(x, "one")
        y = block(h, "two")
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            print(sess.run(y, feed_dict={{x: [[1.0, 2.0]]}}))


    if __name__ == "__main__":
        tf.app.run()
    ''')


def test_a_helper_called_twice_gets_two_sets_of_variables():
    result = modernize_text(PROGRAM.format(extra=""), "p.py")
    assert _rules(result) == [("TFU500", 15)]
    code = result.code
    assert legacy_use(code) is None
    assert "name='one/w'" in code and "name='two/w'" in code
    assert "def block" not in code  # every call was copied into main: the helper is gone
    assert "app.run(main)" in code and "from absl import app" in code
    main = next(n for n in ast.parse(code).body if isinstance(n, ast.FunctionDef) and n.name == "main")
    assert any(isinstance(n, ast.FunctionDef) for n in main.body)  # the lifted step lives in main


def test_a_decline_inside_a_copied_helper_names_the_helper_line():
    result = modernize_text(PROGRAM.format(extra=", regularizer=tf.nn.l2_loss"), "p.py")
    assert _rules(result)[0] == ("TFU505", 6)


def test_a_helper_called_inside_an_expression_declines_at_the_call():
    text = PROGRAM.format(extra="").replace('y = block(h, "two")', 'y = 2.0 * block(h, "two")')
    result = modernize_text(text, "p.py")
    assert _rules(result)[0] == ("TFU509", 14)


def test_a_feed_dict_built_before_the_run_is_the_run_s_feed():
    text = PROGRAM.format(extra="").replace(
        "print(sess.run(y, feed_dict={x: [[1.0, 2.0]]}))",
        "feed = {x: [[1.0, 2.0]]}\n        print(sess.run(y, feed_dict=feed))")
    result = modernize_text(text, "p.py")
    assert _rules(result) == [("TFU500", 15)]
    assert "feed" not in result.code
    used = text.replace("print(sess.run(y, feed_dict=feed))", "print(sess.run(y, feed_dict=feed), feed)")
    assert _rules(modernize_text(used, "p.py"))[0][0] == "TFU502"


def test_monitored_training_session_declines_at_its_line():
    text = textwrap.dedent('''\
        import tensorflow as tf


        def main(_):
            loss = tf.Variable(1.0) * 2.0
            with tf.train.MonitoredTrainingSession() as sess:
                sess.run(loss)
        ''')
    assert _rules(modernize_text(text, "p.py")) == [("TFU507", 6)]


def test_a_variable_name_bound_twice_declines():
    text = textwrap.dedent('''\
        import tensorflow as tf

        x = tf.placeholder(tf.float32, [None, 2])
        w = tf.Variable(tf.ones([2, 2]))
        h = tf.matmul(x, w)
        w = tf.Variable(tf.ones([2, 1]))
        y = tf.matmul(h, w)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            print(sess.run(y, feed_dict={x: [[1.0, 2.0]]}))
        ''')
    assert _rules(modernize_text(text, "p.py"))[0] == ("TFU509", 6)


def test_a_graph_used_as_an_object_declines():
    text = textwrap.dedent('''\
        import tensorflow as tf


        def main(_):
            with tf.Graph().as_default() as graph:
                x = tf.placeholder(tf.float32, [None])
                y = x * 2.0
                graph.finalize()
                with tf.Session() as sess:
                    print(sess.run(y, feed_dict={x: [1.0]}))
        ''')
    assert _rules(modernize_text(text, "p.py"))[0] == ("TFU507", 8)


def test_comments_and_docstrings_naming_tf1_api_do_not_block_the_lift():
    text = '"""Feeds x through feed_dict and runs y in a tf.Session()."""\n' + PROGRAM.format(extra="").replace(
        "    x = tf.placeholder", "    # tf.compat.v1 would keep the placeholder below\n    x = tf.placeholder")
    result = modernize_text(text, "p.py")
    assert _rules(result)[0][0] == "TFU500", [d.format() for d in result.diagnostics]
    assert "feed_dict" in result.code  # the docstring is kept as written
    assert legacy_use(result.code) is None
    assert legacy_use("x = 1  # fine\nwith tf.compat.v1.Session() as s:\n    pass\n") == ("compat.v1", 2)


LOOP = (Path(__file__).resolve().parents[1] / "examples" / "modernize" / "helper_loop_main.py").read_text()


def test_a_helper_loop_over_a_range_is_unrolled_with_its_scope_names():
    result = modernize_text(LOOP, "p.py")
    assert [r for r, _ in _rules(result)] == ["TFU500"], result.diagnostics
    code = result.code
    # one variable per iteration, the scope name computed from the index written as the literal it is
    assert "name='hidden0/weights'" in code and "name='hidden2/weights'" in code and "hidden3" not in code
    assert code.count("net = tf.nn.relu(tf.matmul(net, weights") == 3
    assert "variables = [weights, weights_2, weights_3," in code


@pytest.mark.parametrize("old,new,says", [
    ("prediction = mlp(first, 3, 8)", "prediction = mlp(first, len(FLAGS), 8)", "not a literal integer"),
    ("prediction = mlp(first, 3, 8)", "prediction = mlp(first, 65, 8)", "at most 64"),
    ("for i in range(depth):", "for i in [0, 1, 2][:depth]:", "`for` (line 9)"),
    ("for i in range(depth):", "for i in range(depth):\n        if i > 5:\n            break", "`if`"),
    ("            net = tf.nn.relu", "            i = i + 1\n            net = tf.nn.relu", "`for` (line 9)"),
])
def test_helper_loops_the_lifter_does_not_unroll_decline_with_the_reason(old, new, says):
    text = LOOP.replace(old, new)
    assert text != LOOP
    first = modernize_text(text, "p.py").diagnostics[0]
    assert first.rule == "TFU509" and says in first.message, first.format()
