"""tf.app / tf.flags fallback, tf.logging and the ignored config protos."""
import logging

import pytest

from tf_upgrade.compat_v1.platform import app, config, flags, tf_logging


@pytest.fixture
def fv():
    return flags.FlagValues()


def test_flags_parse(fv):
    flags.DEFINE_string("data_dir", "/tmp/data", "where", flag_values=fv)
    flags.DEFINE_integer("steps", 10, "n", flag_values=fv)
    flags.DEFINE_float("lr", 0.1, "lr", flag_values=fv)
    flags.DEFINE_boolean("fake", False, "b", flag_values=fv)
    flags.DEFINE_bool("train", True, "b", flag_values=fv)
    flags.DEFINE_list("layers", "1,2", "l", flag_values=fv)
    flags.DEFINE_enum("mode", "a", ["a", "b"], "m", flag_values=fv)
    rest = fv(["prog", "--steps=5", "--lr", "0.5", "--fake", "--notrain", "pos", "--layers=3,4", "--mode=b"])
    assert rest == ["prog", "pos"]
    assert (fv.data_dir, fv.steps, fv.lr, fv.fake, fv.train, fv.layers, fv.mode) == (
        "/tmp/data", 5, 0.5, True, False, ["3", "4"], "b")
    with pytest.raises(flags.UnrecognizedFlagError):
        fv(["prog", "--nope=1"])
    with pytest.raises(flags.IllegalFlagValueError):
        fv(["prog", "--steps=abc"])
    with pytest.raises(flags.IllegalFlagValueError):
        fv(["prog", "--mode=c"])
    fv.steps = 7
    assert fv.steps == 7 and fv.flag_values_dict()["steps"] == 7


def test_flags_autoparse_on_access(fv, monkeypatch):
    monkeypatch.setattr("sys.argv", ["prog", "--batch=32", "--unknown=1"])
    flags.DEFINE_integer("batch", 8, "n", flag_values=fv)
    assert fv.batch == 32


def test_app_run(monkeypatch):
    if flags._absl_flags is not None:
        pytest.skip("absl owns the global FLAGS here")
    monkeypatch.setattr(flags, "FLAGS", flags.FlagValues())
    flags.DEFINE_integer("epochs", 1, "n")
    seen = {}

    def main(argv):
        seen["argv"] = argv
        seen["epochs"] = flags.FLAGS.epochs
        return 0

    with pytest.raises(SystemExit) as e:
        app.run(main, argv=["prog", "--epochs=3", "extra"])
    assert e.value.code == 0 and seen == {"argv": ["prog", "extra"], "epochs": 3}


def test_logging():
    # A handler of our own on the "tensorflow" logger: caplog's records depend on whether an earlier test
    # already created that logger (they came out twice then).
    class Collect(logging.Handler):
        def __init__(self):
            super().__init__()
            self.msgs = []

        def emit(self, record):
            self.msgs.append(record.getMessage())

    tf_logging.set_verbosity(tf_logging.INFO)
    assert tf_logging.get_verbosity() == logging.INFO
    logger = tf_logging.get_logger()
    collect = Collect()
    logger.addHandler(collect)
    try:
        tf_logging.info("step %d", 3)
        tf_logging.debug("hidden")
        for i in range(5):
            tf_logging.log_every_n(tf_logging.INFO, "every %d", 2, i)
        msgs = collect.msgs
        assert "step 3" in msgs and "hidden" not in msgs
        assert [m for m in msgs if m.startswith("every")] == ["every 0", "every 2", "every 4"], msgs
    finally:
        logger.removeHandler(collect)
        tf_logging.set_verbosity(tf_logging.WARN)


def test_config_protos_are_accepted():
    c = config.ConfigProto(allow_soft_placement=True, log_device_placement=False,
                           gpu_options=config.GPUOptions(per_process_gpu_memory_fraction=0.5))
    c.gpu_options.allow_growth = True
    c.graph_options.optimizer_options.global_jit_level = config.OptimizerOptions.ON_1
    c.intra_op_parallelism_threads = 2
    assert c.allow_soft_placement and c.gpu_options.allow_growth
    assert config.ConfigProto().gpu_options.allow_growth is False
    opts = config.RunOptions(trace_level=config.RunOptions.FULL_TRACE)
    assert opts.trace_level == 3
    assert config.RunMetadata().SerializeToString() == b""
