"""Skip-gram embeddings with tf.nn.embedding_lookup and tf.nn.nce_loss (the word2vec_basic tutorial)."""
import numpy as np
import tf_upgrade.compat_v1 as tf

tf.set_random_seed(0)

vocabulary_size, embedding_size, batch_size, num_sampled = 50, 8, 16, 5
rng = np.random.RandomState(6)
data = rng.randint(0, vocabulary_size, 1000)

train_inputs = tf.placeholder(tf.int32, shape=[batch_size])
train_labels = tf.placeholder(tf.int32, shape=[batch_size, 1])
embeddings = tf.Variable(tf.random_uniform([vocabulary_size, embedding_size], -1.0, 1.0))
embed = tf.nn.embedding_lookup(embeddings, train_inputs)
nce_weights = tf.Variable(tf.truncated_normal([vocabulary_size, embedding_size], stddev=1.0 / np.sqrt(8)))
nce_biases = tf.Variable(tf.zeros([vocabulary_size]))
loss = tf.reduce_mean(tf.nn.nce_loss(weights=nce_weights, biases=nce_biases, labels=train_labels, inputs=embed,
                                     num_sampled=num_sampled, num_classes=vocabulary_size))
optimizer = tf.train.GradientDescentOptimizer(1.0).minimize(loss)
norm = tf.sqrt(tf.reduce_sum(tf.square(embeddings), 1, keepdims=True))
normalized_embeddings = embeddings / norm

data[1::2] = (data[::2] * 7 + 3) % vocabulary_size   # every other word predicts the next one

with tf.Session() as sess:
    tf.global_variables_initializer().run()
    losses = []
    for step in range(300):
        i = rng.randint(0, 499, batch_size) * 2
        _, l = sess.run([optimizer, loss], {train_inputs: data[i], train_labels: data[i + 1][:, None]})
        losses.append(l)
    print("average loss", np.mean(losses[:50]), "->", np.mean(losses[-50:]))
    print("normalized embeddings", sess.run(normalized_embeddings).shape)
    assert np.mean(losses[-50:]) < np.mean(losses[:50])
    print("RESULT ok")
