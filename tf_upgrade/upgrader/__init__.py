"""The engine: reads files, resolves names, runs rules, writes results.

It knows no TensorFlow symbol; everything about TensorFlow lives in ``tf_upgrade.rules``.
"""
