"""Whether the user said the program is TensorFlow 0.x code: `python -m tf_upgrade.compat_v1 --tf0 ...`, or
TF_UPGRADE_COMPAT_V1_TF0=1 for `import tf_upgrade.compat_v1 as tf`.

The runtime accepts 0.x names and argument orders on its own where the arguments' kinds make the 0.x call
unmistakable (TF 1.x rejected those calls). Only the calls TF 1.x rejected whose 0.x and TF 2 readings are
both plausible wait for this word: the positional cross entropies, (logits, labels) in 0.x and
(labels, logits) in TF 2."""
import os

ENV = "TF_UPGRADE_COMPAT_V1_TF0"


def declared():
    return os.environ.get(ENV, "") not in ("", "0")
