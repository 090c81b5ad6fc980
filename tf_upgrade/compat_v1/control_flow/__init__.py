"""`tf.cond`, `tf.while_loop`, `tf.case`, `tf.map_fn`, `tf.scan` as ops running traced subgraphs; `tf.TensorArray`;
`tf.nest`."""
