"""The generated add-on tables: names that exist only with tf_keras, and tf_slim's API."""
from tf_upgrade.rules import tables


def test_tf_keras_only_names_are_disjoint_from_the_plain_set():
    extra = tables.tf_keras_symbols((2, 21))
    assert "tf.compat.v1.layers.dense" in extra and "tf.compat.v1.nn.rnn_cell.LSTMCell" in extra
    assert not extra & tables.symbols_for((2, 21))
    assert tables.tf_keras_symbols((2, 15)) == frozenset()  # 2.15 ships Keras 2 itself


def test_availability_levels():
    assert tables.availability("tf.nn.relu", (2, 21)) == "yes"
    assert tables.availability("tf.compat.v1.layers.dense", (2, 21)) == "tf_keras"
    assert tables.availability("tf.compat.v1.layers.Dense.apply", (2, 21)) == "tf_keras"  # class member
    assert tables.availability("tf.compat.v1.layers.dense", (2, 15)) == "yes"
    assert tables.availability("tf.compat.v1.layers.no_such_layer", (2, 21)) == "no"
    assert tables.availability("tf.estimator.Estimator", (2, 21)) == "no"


def test_tf_slim_names():
    names = tables.tf_slim_symbols()
    assert {"tf_slim.conv2d", "tf_slim.arg_scope", "tf_slim.losses.softmax_cross_entropy"} <= names
    assert "tf_slim.six" not in names  # re-exported helpers are not its API


def test_versions_list_ignores_add_on_sets():
    assert all(len(v) == 2 for v in tables.available_versions())
