"""tf-upgrade modernize --verify on the example corpus: each modernized program, run eagerly on
TF 2.21 / Keras 3 from the original's initial weights, fetches what the original fetched under
tf.compat.v1 graph mode, to 1e-5 relative; and the comparison does catch a wrong lift."""
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tf_env import tf_python
from tf_upgrade.modernize import modernize_text
from tf_upgrade.modernize.verify import verify_file, verify_source

pytestmark = pytest.mark.tf
CORPUS = Path(__file__).resolve().parents[1] / "examples" / "modernize"
EXPECTED = json.loads((CORPUS / "expected.json").read_text())


MODERNIZED = sorted(n for n, v in EXPECTED.items() if v == "modernized")


@pytest.fixture(scope="module")
def verdicts(request):
    """name -> future Verdict for the selected corpus programs. Each verify runs two TensorFlow processes one
    after the other (the eager run starts from the graph run's weights); two programs at a time keep both
    cores busy, which halves this stage's longest part. The lifts are made here, in one thread; the
    threads only wait on subprocesses."""
    selected = [item.callspec.params["name"] for item in request.session.items
                if item.originalname == "test_modernized_program_matches_the_original"]
    python = tf_python()
    jobs = {}
    for name in selected:
        path = str(CORPUS / f"{name}.py")
        text = Path(path).read_text()
        jobs[name] = (text, modernize_text(text, path, instrument=True), path)
    pool = ThreadPoolExecutor(max_workers=2)
    futures = {name: pool.submit(verify_source, text, result.code, path, python)
               for name, (text, result, path) in jobs.items()
               if any(d.rule == "TFU500" for d in result.diagnostics)}
    yield {name: (jobs[name][1], futures.get(name)) for name in jobs}
    pool.shutdown(wait=True, cancel_futures=True)


@pytest.mark.parametrize("name", MODERNIZED)
def test_modernized_program_matches_the_original(name, verdicts):
    result, future = verdicts[name]
    assert future is not None, "not modernized: %s" % [d.message for d in result.diagnostics if d.rule.startswith("TFU5")]
    verdict = future.result()
    assert verdict.status == "agree", verdict.line()
    assert verdict.runs >= 3


def test_verify_catches_a_changed_learning_rate():
    text = (CORPUS / "linear_regression.py").read_text()
    lifted = modernize_text(text, "lr.py", instrument=True).code
    wrong = lifted.replace("SGD(learning_rate=0.1)", "SGD(learning_rate=0.11)")
    assert wrong != lifted
    verdict = verify_source(text, wrong, "lr.py", tf_python())
    assert verdict.status == "differ", verdict.line()


def test_verify_catches_a_different_recurrent_cell():
    # the harness hands the lifted LSTM the original's weights in Keras' layout; a layer that computes
    # something else from them (another gate activation) must show
    text = (CORPUS / "lstm_dynamic_rnn.py").read_text()
    lifted = modernize_text(text, "lstm.py", instrument=True).code
    wrong = lifted.replace("tf.keras.layers.LSTM(", "tf.keras.layers.LSTM(recurrent_activation='hard_sigmoid', ")
    assert wrong != lifted
    verdict = verify_source(text, wrong, "lstm.py", tf_python())
    assert verdict.status == "differ", verdict.line()


def test_queue_pipelines_compare_in_order_and_say_when_shuffling_was_turned_off():
    ordered = verify_file(str(CORPUS / "csv_queue_training.py"), tf_python())
    assert ordered.status == "agree" and "shuffling" not in ordered.message, ordered.line()
    assert ordered.runs == 12  # 2 epochs of 50 rows in batches of 8: the short 13th batch is dropped
    shuffled = verify_file(str(CORPUS / "binary_shuffle_main.py"), tf_python())
    assert shuffled.status == "agree" and "shuffling turned off" in shuffled.message, shuffled.line()


def test_verify_catches_a_pipeline_that_keeps_the_short_last_batch():
    text = (CORPUS / "csv_queue_training.py").read_text()
    lifted = modernize_text(text, "q.py", instrument=True).code
    wrong = lifted.replace(".batch(8, drop_remainder=True)", ".batch(8)")
    assert wrong != lifted
    verdict = verify_source(text, wrong, "q.py", tf_python())
    assert verdict.status == "differ", verdict.line()
