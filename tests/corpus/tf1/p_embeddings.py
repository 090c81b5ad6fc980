import tensorflow as tf

vocab, dim = 1000, 64
table = tf.get_variable("table", [vocab, dim], initializer=tf.random_normal_initializer(stddev=0.1))
ids = tf.placeholder(tf.int32, [None, 20])
embedded = tf.nn.embedding_lookup(table, ids, partition_strategy="div")
shards = [tf.get_variable("shard%d" % k, [vocab // 2, dim]) for k in range(2)]
sharded = tf.nn.embedding_lookup(shards, ids, partition_strategy="mod")
