"""A word-level LSTM language model in the style of the TF1 PTB tutorial (ptb_word_lm.py):
embedding_lookup, MultiRNNCell of dropout-wrapped LSTMs unrolled with static_rnn, legacy
sequence_loss_by_example, clip_by_global_norm, a learning-rate variable assigned between epochs,
and tf.train.Supervisor -- on a synthetic corpus with a simple repeating grammar."""
import numpy as np
import tf_upgrade.compat_v1 as tf

tf.set_random_seed(0)
vocab_size, hidden_size, num_steps, batch_size, num_layers = 12, 24, 6, 8, 2
pattern = [1, 4, 7, 2, 9, 4, 11, 3]
corpus = np.array(pattern * 120, dtype=np.int32)


def batches(data):
    n = (len(data) - 1) // (batch_size * num_steps)
    xs = data[:n * batch_size * num_steps].reshape(batch_size, -1)
    ys = data[1:n * batch_size * num_steps + 1].reshape(batch_size, -1)
    for i in range(n):
        yield xs[:, i * num_steps:(i + 1) * num_steps], ys[:, i * num_steps:(i + 1) * num_steps]


class PTBModel(object):
    def __init__(self, is_training):
        self.input_data = tf.placeholder(tf.int32, [batch_size, num_steps])
        self.targets = tf.placeholder(tf.int32, [batch_size, num_steps])

        def lstm_cell():
            cell = tf.contrib.rnn.BasicLSTMCell(hidden_size, forget_bias=0.0, state_is_tuple=True)
            if is_training:
                cell = tf.contrib.rnn.DropoutWrapper(cell, output_keep_prob=0.9)
            return cell

        cell = tf.contrib.rnn.MultiRNNCell([lstm_cell() for _ in range(num_layers)], state_is_tuple=True)
        self.initial_state = cell.zero_state(batch_size, tf.float32)
        embedding = tf.get_variable("embedding", [vocab_size, hidden_size], dtype=tf.float32)
        inputs = tf.nn.embedding_lookup(embedding, self.input_data)
        inputs = tf.unstack(inputs, num=num_steps, axis=1)
        outputs, state = tf.contrib.rnn.static_rnn(cell, inputs, initial_state=self.initial_state)
        output = tf.reshape(tf.concat(outputs, 1), [-1, hidden_size])
        softmax_w = tf.get_variable("softmax_w", [hidden_size, vocab_size], dtype=tf.float32)
        softmax_b = tf.get_variable("softmax_b", [vocab_size], dtype=tf.float32)
        logits = tf.matmul(output, softmax_w) + softmax_b
        loss = tf.contrib.legacy_seq2seq.sequence_loss_by_example(
            [logits], [tf.reshape(self.targets, [-1])], [tf.ones([batch_size * num_steps], dtype=tf.float32)])
        self.cost = tf.reduce_sum(loss) / batch_size
        self.final_state = state
        if not is_training:
            return
        self.lr = tf.Variable(0.0, trainable=False)
        tvars = tf.trainable_variables()
        grads, _ = tf.clip_by_global_norm(tf.gradients(self.cost, tvars), 5.0)
        optimizer = tf.train.GradientDescentOptimizer(self.lr)
        self.train_op = optimizer.apply_gradients(zip(grads, tvars),
                                                  global_step=tf.train.get_or_create_global_step())
        self.new_lr = tf.placeholder(tf.float32, shape=[], name="new_learning_rate")
        self.lr_update = tf.assign(self.lr, self.new_lr)

    def assign_lr(self, session, lr_value):
        session.run(self.lr_update, feed_dict={self.new_lr: lr_value})


def run_epoch(session, model, eval_op=None):
    costs, iters = 0.0, 0
    state = session.run(model.initial_state)
    for x, y in batches(corpus):
        feed_dict = {model.input_data: x, model.targets: y}
        for i, (c, h) in enumerate(model.initial_state):
            feed_dict[c] = state[i].c
            feed_dict[h] = state[i].h
        fetches = {"cost": model.cost, "final_state": model.final_state}
        if eval_op is not None:
            fetches["eval_op"] = eval_op
        vals = session.run(fetches, feed_dict)
        state = vals["final_state"]
        costs += vals["cost"]
        iters += num_steps
    return np.exp(costs / iters)


initializer = tf.random_uniform_initializer(-0.1, 0.1)
with tf.name_scope("Train"):
    with tf.variable_scope("Model", reuse=None, initializer=initializer):
        m = PTBModel(is_training=True)
with tf.name_scope("Valid"):
    with tf.variable_scope("Model", reuse=True, initializer=initializer):
        mvalid = PTBModel(is_training=False)

sv = tf.train.Supervisor(logdir="ptb_logs")
with sv.managed_session() as session:
    first = run_epoch(session, mvalid)
    for i in range(10):
        m.assign_lr(session, 1.0 * (0.8 ** max(i - 6, 0)))
        train_perplexity = run_epoch(session, m, eval_op=m.train_op)
        print("Epoch: %d Train Perplexity: %.3f" % (i + 1, train_perplexity))
    valid_perplexity = run_epoch(session, mvalid)
    print("Valid Perplexity: %.3f -> %.3f" % (first, valid_perplexity))
assert valid_perplexity < first / 2
print("RESULT ok")
