"""Process-level TF1 helpers that need no graph: ``tf.app``, ``tf.flags``,
``tf.logging`` and the accepted-and-ignored config protos."""
