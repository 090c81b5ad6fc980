"""``tf.app``: ``run`` parses the flags, then calls ``main(argv)`` and exits with its result."""
import sys

from ..namespace import export, export_value
from . import flags

FLAGS = flags.FLAGS
export_value(FLAGS, "tf.flags.FLAGS")


@export("tf.app.run")
def run(main=None, argv=None):
    args = sys.argv if argv is None else argv
    if flags._absl_flags is not None:  # pragma: no cover - depends on the environment
        remaining = flags.FLAGS(args, known_only=True)
    else:
        remaining = flags.FLAGS(args, known_only=True)
        missing = [n for n in flags._REQUIRED if getattr(flags.FLAGS, n) is None]
        if missing:
            raise flags.IllegalFlagValueError("flag --%s must be specified" % missing[0])
    if main is None:
        main = sys.modules["__main__"].main
    sys.exit(main(remaining))
