"""`tf.estimator.inputs.numpy_input_fn`: batches of numpy arrays (a dict of features, or one array) and
labels, in order or shuffled, for num_epochs passes (None: forever). Batches run across epoch
boundaries; with a finite num_epochs the last batch may be smaller (TF's dequeue_up_to)."""
import collections

import numpy as np

from ..namespace import export

_TARGET_KEY = "__target_key__"


@export("tf.estimator.inputs.numpy_input_fn")
def numpy_input_fn(x, y=None, batch_size=128, num_epochs=1, shuffle=None, queue_capacity=1000, num_threads=1):
    if not isinstance(shuffle, bool):
        raise ValueError("shuffle must be provided and explicitly set as boolean (it is recommended to set it as "
                         "True for training); got {}".format(shuffle))

    def input_fn():
        from .. import data
        if isinstance(x, dict):
            if not x:
                raise ValueError("x cannot be an empty dict")
            columns = collections.OrderedDict(sorted((k, np.asarray(v)) for k, v in x.items()))
        elif isinstance(x, np.ndarray):
            columns = collections.OrderedDict([("__direct_np_input__", x)])
        else:
            raise TypeError("x must be a dict or array; got {}".format(type(x).__name__))
        feature_keys = list(columns)
        if y is None:
            target_keys = None
        elif isinstance(y, dict):
            if not y:
                raise ValueError("y cannot be empty dict, use None instead.")
            target_keys = sorted(y)
            duplicate = set(feature_keys) & set(target_keys)
            if duplicate:
                raise ValueError("{} duplicate keys are found in both x and y: {}".format(len(duplicate), duplicate))
            columns.update((k, np.asarray(y[k])) for k in target_keys)
        else:
            target_keys = _TARGET_KEY
            columns[_TARGET_KEY] = np.asarray(y)
        if len({v.shape[0] for v in columns.values()}) != 1:
            raise ValueError("Length of tensors in x and y is mismatched. All elements in x and y must have the "
                             "same length.\nShapes in x: {}\n".format({k: columns[k].shape for k in feature_keys}))
        dataset = data.Dataset.from_tensor_slices(dict(columns))
        if shuffle:
            dataset = dataset.shuffle(queue_capacity)
        dataset = dataset.repeat(num_epochs).batch(batch_size)
        batch = dataset.make_one_shot_iterator().get_next()
        features = batch["__direct_np_input__"] if isinstance(x, np.ndarray) else \
            {k: batch[k] for k in feature_keys}
        if target_keys is None:
            return features
        if isinstance(target_keys, str):
            return features, batch[_TARGET_KEY]
        return features, {k: batch[k] for k in target_keys}

    return input_fn
