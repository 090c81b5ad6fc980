import tensorflow as tf


def columns():
    age = tf.contrib.layers.real_valued_column("age")
    city = tf.contrib.layers.sparse_column_with_hash_bucket("city", hash_bucket_size=100)
    emb = tf.contrib.layers.embedding_column(city, dimension=8)
    return [age, emb]
