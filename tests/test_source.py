"""Bytes in, bytes out: encodings, BOM and line endings survive exactly."""
import codecs

import pytest

from tf_upgrade.upgrader.source import SourceError, decode_source


@pytest.mark.parametrize("data", [
    b"import tensorflow as tf\r\nx = 1\r\n",
    b"import tensorflow as tf\nx = 1\r\ny = 2",
    codecs.BOM_UTF8 + b"x = '\xc3\xa9'\n",
    "# -*- coding: latin-1 -*-\nx = '\xe9'\n".encode("latin-1"),
])
def test_round_trip(data):
    src = decode_source(data)
    assert src.encode(src.text) == data


def test_latin1_cookie_is_honoured():
    src = decode_source("# coding: latin-1\nx = '\xe9'\n".encode("latin-1"))
    assert "é" in src.text and src.encoding in ("latin-1", "iso-8859-1")


@pytest.mark.parametrize("data,words", [
    (b"x = 1\0\n", "NUL"),
    (b"x = '\xff\xfe'\n", "decode"),
    (b"# coding: no-such-codec\nx = 1\n", "encoding"),
])
def test_bad_input_is_explained(data, words):
    with pytest.raises(SourceError, match=words):
        decode_source(data)


def test_size_limit():
    with pytest.raises(SourceError, match="limit"):
        decode_source(b"x = 1\n" * 100, max_bytes=50)
