"""``tf.data`` (graph-mode, TF1 iterator API) for the numpy runtime."""
from ..namespace import install_unsupported_getattr, register_namespace
from .dataset import (Dataset, DatasetV1, Iterator, TextLineDataset, TFRecordDataset, get_output_classes,
                      get_output_shapes, get_output_types, make_initializable_iterator, make_one_shot_iterator)


class experimental:  # noqa: N801 - TF's namespace name
    AUTOTUNE = -1


AUTOTUNE = -1

__all__ = ["AUTOTUNE", "Dataset", "DatasetV1", "Iterator", "TextLineDataset", "TFRecordDataset", "experimental",
           "get_output_classes", "get_output_shapes", "get_output_types", "make_initializable_iterator",
           "make_one_shot_iterator"]

register_namespace("tf.data", __import__(__name__, fromlist=["*"]))
install_unsupported_getattr(globals(), "tf.data")
