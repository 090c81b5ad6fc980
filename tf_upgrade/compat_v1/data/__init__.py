"""``tf.data`` (graph-mode, TF1 iterator API) for the numpy runtime."""
import sys

from ..namespace import export_namespace
from .dataset import (
    Dataset,
    DatasetV1,
    Iterator,
    TextLineDataset,
    TFRecordDataset,
    get_output_classes,
    get_output_shapes,
    get_output_types,
    make_initializable_iterator,
    make_one_shot_iterator,
)


class experimental:  # noqa: N801 - TF's namespace name
    AUTOTUNE = -1


AUTOTUNE = -1

__all__ = ["AUTOTUNE", "Dataset", "DatasetV1", "Iterator", "TextLineDataset", "TFRecordDataset", "experimental",
           "get_output_classes", "get_output_shapes", "get_output_types", "make_initializable_iterator",
           "make_one_shot_iterator"]

export_namespace(sys.modules[__name__], "tf.data")
