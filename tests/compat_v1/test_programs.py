"""TF1-style programs (tests/compat_v1/programs) under the shim vs TensorFlow 2.21 graph-mode references.

References come from `TF_USE_LEGACY_KERAS=1 $TF_UPGRADE_TF_PYTHON tools/compat_v1_programs_references.py`; `test_live_tensorflow.py` compares with a live TensorFlow.
"""
import importlib
import json
import os

import pytest

import tf_upgrade.compat_v1 as tf
from tf_upgrade.compat_v1.io_formats import events

from .compare import mismatches

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = ["p_layers", "p_nn", "p_control_flow", "p_data", "p_rnn", "p_queues", "p_misc", "p_saver", "p_more", "p_extras", "p_tensor_array", "p_records", "p_sparse"]


@pytest.mark.parametrize("name", PROGRAMS)
def test_program_matches_tensorflow(name, tmp_path):
    mod = importlib.import_module("tests.compat_v1.programs." + name if __package__.startswith("tests")
                                  else __package__ + ".programs." + name)
    with open(os.path.join(HERE, "references", name + ".json")) as f:
        ref = json.load(f)
    got = json.loads(json.dumps(mod.run(tf, str(tmp_path))))
    ref, got = _decode_summaries(ref), _decode_summaries(got)
    problems = mismatches(ref, got)
    assert not problems, "\n".join(problems[:20])


def _decode_summaries(result):
    """Serialized summaries (hex) -> decoded values, so float rounding is compared with tolerance."""
    if not isinstance(result, dict):
        return result
    out = dict(result)
    for key in ("summary", "summary_parts"):
        if key in out:
            v = out[key]
            out[key] = ([events.summary_values(bytes.fromhex(x)) for x in v] if isinstance(v, list)
                        else events.summary_values(bytes.fromhex(v)))
    if "image_summary" in out:
        out["image_summary"] = _decode_images(bytes.fromhex(out["image_summary"]))
    return out


def _decode_images(summary):
    """Image summaries -> tag, size and pixels (PNG zlib streams may differ byte-wise)."""
    import struct
    import zlib

    from tf_upgrade.compat_v1.io_formats import wire
    out = []
    for raw in wire.parse(summary).get(1, []):
        f = wire.parse(raw)
        image = wire.parse(f[4][0])
        png = image[4][0]
        pos, data = 8, b""
        while pos < len(png):
            (n,) = struct.unpack(">I", png[pos:pos + 4])
            kind = png[pos + 4:pos + 8]
            if kind == b"IDAT":
                data += png[pos + 8:pos + 8 + n]
            pos += 12 + n
        out.append([f[1][0].decode(), image[1][0], image[2][0], image[3][0], list(zlib.decompress(data))])
    return out


@pytest.mark.parametrize("name", ["p_layers", "p_control_flow", "p_data", "p_rnn", "p_more", "p_extras", "p_queues", "p_sparse"])
def test_program_kernels_match_static_inference(name, tmp_path, monkeypatch):
    """Every kernel output of these programs' ops agrees with its op's inferred dtype and static shape."""
    from .core_checking import CheckingSession
    monkeypatch.setattr(tf, "Session", CheckingSession)
    mod = importlib.import_module("tests.compat_v1.programs." + name if __package__.startswith("tests")
                                  else __package__ + ".programs." + name)
    mod.run(tf, str(tmp_path))
