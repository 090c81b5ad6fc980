import tensorflow as tf

loss = tf.get_variable("loss_var", [], initializer=tf.constant_initializer(1.0))
lr = tf.train.exponential_decay(0.1, tf.train.get_or_create_global_step(), 1000, 0.96)
opt = tf.train.MomentumOptimizer(lr, momentum=0.9)
grads_and_vars = opt.compute_gradients(loss)
clipped = [(tf.clip_by_norm(g, 5.0), v) for g, v in grads_and_vars]
train_op = opt.apply_gradients(clipped)
