"""Binary formats TensorFlow reads and writes, implemented without TensorFlow.

* :mod:`.crc32c` -- CRC-32C (Castagnoli) and TensorFlow's masking.
* :mod:`.wire` -- the handful of protobuf wire-format helpers we need.
* :mod:`.sstable` -- the LevelDB-style table used for checkpoint ``.index`` files.
* :mod:`.bundle` -- TensorFlow's V2 checkpoint ("tensor bundle") and the
  ``checkpoint`` state file.
* :mod:`.events` -- TFRecord framing, ``Event`` / ``Summary`` protos for TensorBoard.
"""
