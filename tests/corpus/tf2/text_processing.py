"""Tokenising text with tf.strings: ragged results, as TF 2 returns them."""
import tensorflow as tf

sentences = tf.constant(["the quick brown fox", "jumps over", "the lazy dog"])
words = tf.strings.split(sentences)
print(words.row_lengths())
lengths = words.row_lengths()
padded = words.to_tensor(default_value="")

chars = tf.strings.unicode_split(sentences, "UTF-8")
lower = tf.strings.lower(sentences)
joined = tf.strings.reduce_join(words, axis=-1, separator=" ")
fields = tf.strings.split(tf.constant(["a,b,c", "d,e"]), sep=",")
ids = tf.strings.to_hash_bucket_fast(words, 1000)
numbers = tf.strings.to_number(tf.constant(["1.5", "2"]), tf.float32)

vocab = ["the", "quick", "brown", "fox"]
table = tf.lookup.StaticHashTable(
    tf.lookup.KeyValueTensorInitializer(vocab, tf.range(len(vocab), dtype=tf.int64)), default_value=-1)
token_ids = tf.ragged.map_flat_values(table.lookup, words)
