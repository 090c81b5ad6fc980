"""`tf.image` basics: resizing (TF 1.x's bilinear / nearest-neighbour kernels, `align_corners` and
`half_pixel_centers`), crops and pads, flips and rotations, dtype conversion, standardisation,
grayscale, brightness, and PNG/JPEG decoding/encoding through Pillow when it is installed.

Images are NHWC: [height, width, channels] or [batch, height, width, channels]. Crops, pads, flips and
rotations are built from ordinary ops (so they have gradients); resizes are kernels of their own.
JPEG decoding uses Pillow's libjpeg, whose pixels may differ from TF's by a level or two.
"""
import io
import sys

import numpy as np

from . import errors
from .dtypes import DType as _DType
from .graph import Tensor, constant_value
from .namespace import export_namespace, export_value
from .ops import array_ops, math_ops
from .ops import registry as R
from .ops.common import make, scope, tensor
from .ops.linalg_ops import tensordot
from .ops.random_ops import random_uniform
from .ops.reverse_ops import reverse
from .shapes import TensorShape

_dt = sys.modules[_DType.__module__]  # the dtypes module (the package attribute `dtypes` is tf.dtypes)


class ResizeMethod:
    BILINEAR = 0
    NEAREST_NEIGHBOR = 1
    BICUBIC = 2
    AREA = 3


# ---- resize kernels (TF's legacy and half-pixel coordinate rules) ----

def _source_coords(out_size, in_size, align_corners, half_pixel, nearest):
    if align_corners and out_size > 1:
        scale = (in_size - 1) / (out_size - 1)
    else:
        scale = in_size / out_size
    x = np.arange(out_size, dtype=np.float64)
    if half_pixel:
        return (x + 0.5) * scale if nearest else (x + 0.5) * scale - 0.5
    return x * scale


def _bilinear_axis(out_size, in_size, align_corners, half_pixel):
    src = _source_coords(out_size, in_size, align_corners, half_pixel, False).astype(np.float32)
    floor = np.floor(src)
    lower = np.maximum(floor, 0).astype(np.intp) if half_pixel else floor.astype(np.intp)
    upper = np.minimum((np.ceil(src) if half_pixel else floor + 1).astype(np.intp), in_size - 1)
    return np.minimum(lower, in_size - 1), upper, (src - floor).astype(np.float32)


def _resize_bilinear(images, size, align_corners, half_pixel_centers):
    out_h, out_w = (int(s) for s in size)
    x = np.asarray(images, dtype=np.float32)
    y0, y1, ly = _bilinear_axis(out_h, x.shape[1], align_corners, half_pixel_centers)
    x0, x1, lx = _bilinear_axis(out_w, x.shape[2], align_corners, half_pixel_centers)
    lx = lx[None, None, :, None]
    ly = ly[None, :, None, None]
    top_left, top_right = x[:, y0][:, :, x0], x[:, y0][:, :, x1]
    bottom_left, bottom_right = x[:, y1][:, :, x0], x[:, y1][:, :, x1]
    top = top_left + (top_right - top_left) * lx
    bottom = bottom_left + (bottom_right - bottom_left) * lx
    return (top + (bottom - top) * ly).astype(np.float32)


def _nearest_axis(out_size, in_size, align_corners, half_pixel):
    src = _source_coords(out_size, in_size, align_corners, half_pixel, True).astype(np.float32)
    idx = np.floor(src + 0.5) if align_corners else np.floor(src)  # C's roundf: halves away from zero
    return np.clip(idx.astype(np.intp), 0, in_size - 1)


def _resize_nearest(images, size, align_corners, half_pixel_centers):
    out_h, out_w = (int(s) for s in size)
    ys = _nearest_axis(out_h, images.shape[1], align_corners, half_pixel_centers)
    xs = _nearest_axis(out_w, images.shape[2], align_corners, half_pixel_centers)
    return images[:, ys][:, :, xs]


def _resize_infer(dtype_of):
    def infer(op):
        images, size = op.inputs
        hw = constant_value(size)
        dims = images.shape.as_list() if images.shape.ndims is not None else [None] * 4
        h, w = (int(hw[0]), int(hw[1])) if hw is not None else (None, None)
        return [(dtype_of(images), TensorShape([dims[0], h, w, dims[3]]))]
    return infer


R.register("ResizeBilinear", kernel=_resize_bilinear, infer=_resize_infer(lambda x: _dt.float32),
           grad=R.NO_GRADIENT)
R.register("ResizeNearestNeighbor", kernel=_resize_nearest, infer=_resize_infer(lambda x: x.dtype),
           grad=R.NO_GRADIENT)


def _batched(images, fn):
    """Run fn on a 4-D batch; a 3-D image gets a batch axis of 1 and loses it again."""
    images = tensor(images, name="images")
    if images.shape.ndims == 3:
        return array_ops.squeeze(fn(array_ops.expand_dims(images, 0)), [0])
    if images.shape.ndims != 4:
        raise ValueError("'images' must have either 3 or 4 dimensions.")
    return fn(images)


def _size_tensor(size):
    return tensor(size, dtype=_dt.int32, name="size")


def resize_bilinear(images, size, align_corners=False, name=None, half_pixel_centers=False):
    return make("ResizeBilinear", [tensor(images), _size_tensor(size)],
                {"align_corners": bool(align_corners), "half_pixel_centers": bool(half_pixel_centers)},
                name or "ResizeBilinear")


def resize_nearest_neighbor(images, size, align_corners=False, name=None, half_pixel_centers=False):
    return make("ResizeNearestNeighbor", [tensor(images), _size_tensor(size)],
                {"align_corners": bool(align_corners), "half_pixel_centers": bool(half_pixel_centers)},
                name or "ResizeNearestNeighbor")


def _one_int(value):
    if isinstance(value, (bool, np.bool_)):
        return False
    if isinstance(value, (int, np.integer)):
        return True
    return isinstance(value, Tensor) and value.dtype.is_integer and value.shape.ndims == 0


def resize_images(images, size=None, method=ResizeMethod.BILINEAR, align_corners=False, preserve_aspect_ratio=False,
                  name=None, new_height=None, new_width=None):
    """TF 1.x resize_images: the legacy kernels (no half-pixel centres); an image already of `size` is
    returned as it is. TF 0.x's resize_images(images, new_height, new_width, method, align_corners) is taken
    where the arguments show it (one integer where TF 1.x wants the [height, width] size, or the
    new_height=/new_width= keywords): TF 1.x rejects those calls."""
    if new_height is not None or new_width is not None:
        size = [new_height, new_width]
    elif _one_int(size):
        size = [size, method]
        method = ResizeMethod.BILINEAR if align_corners is False else align_corners
        align_corners, preserve_aspect_ratio = bool(preserve_aspect_ratio), False
    if isinstance(size, list) and any(isinstance(s, Tensor) for s in size):
        size = array_ops.stack([array_ops.cast(s, _dt.int32) for s in size])
    if preserve_aspect_ratio:
        raise errors.UnimplementedError(None, None, "tf.image.resize_images(preserve_aspect_ratio=True) is not "
                                                    "implemented by the numpy runtime")
    kernels = {ResizeMethod.BILINEAR: resize_bilinear, ResizeMethod.NEAREST_NEIGHBOR: resize_nearest_neighbor}
    if method not in kernels:
        raise errors.UnimplementedError(None, None, "tf.image.resize_images method %r is not implemented by the "
                                                    "numpy runtime (BILINEAR and NEAREST_NEIGHBOR are)" % (method,))
    with scope(name, "resize_images"):
        images = tensor(images, name="images")
        target = constant_value(tensor(size, dtype=_dt.int32))
        static = images.shape.as_list()[-3:-1] if images.shape.ndims in (3, 4) else None
        if target is not None and static is not None and [int(t) for t in target] == static:
            return images
        return _batched(images, lambda x: kernels[method](x, size, align_corners=align_corners))


def resize(images, size, method=ResizeMethod.BILINEAR, align_corners=False, preserve_aspect_ratio=False,
           name=None):
    return resize_images(images, size, method, align_corners, preserve_aspect_ratio, name)


# ---- crops, pads, flips ----

def _hw(image):
    dims = image.shape.as_list()
    if None in dims[-3:-1]:
        raise errors.UnimplementedError(None, None, "the numpy runtime's crop/pad needs static image height and "
                                                    "width (got %s)" % image.shape)
    return dims[-3], dims[-2]


def crop_to_bounding_box(image, offset_height, offset_width, target_height, target_width):
    with scope(None, "crop_to_bounding_box"):
        image = tensor(image, name="image")
        begin = [offset_height, offset_width, 0]
        size = [target_height, target_width, -1]
        if image.shape.ndims == 4:
            begin, size = [0] + begin, [-1] + size
        return array_ops.slice(image, begin, size)


def pad_to_bounding_box(image, offset_height, offset_width, target_height, target_width):
    with scope(None, "pad_to_bounding_box"):
        image = tensor(image, name="image")
        height, width = _hw(image)
        after_h, after_w = target_height - offset_height - height, target_width - offset_width - width
        if min(offset_height, offset_width, after_h, after_w) < 0:
            raise ValueError("image must fit in the target bounding box")
        paddings = [[offset_height, after_h], [offset_width, after_w], [0, 0]]
        if image.shape.ndims == 4:
            paddings = [[0, 0]] + paddings
        return array_ops.pad(image, paddings)


def resize_image_with_crop_or_pad(image, target_height, target_width):
    """Centre crop and/or zero pad to the target size (TF's offsets: crop max(-diff // 2, 0), pad
    max(diff // 2, 0))."""
    with scope(None, "resize_image_with_crop_or_pad"):
        image = tensor(image, name="image")
        height, width = _hw(image)
        dh, dw = target_height - height, target_width - width
        cropped = crop_to_bounding_box(image, max(-dh // 2, 0), max(-dw // 2, 0), min(target_height, height),
                                       min(target_width, width))
        return pad_to_bounding_box(cropped, max(dh // 2, 0), max(dw // 2, 0), target_height, target_width)


def central_crop(image, central_fraction):
    if central_fraction <= 0.0 or central_fraction > 1.0:
        raise ValueError("central_fraction must be within (0, 1]")
    with scope(None, "central_crop"):
        image = tensor(image, name="image")
        if central_fraction == 1.0:
            return image
        height, width = _hw(image)
        top = int((height - height * central_fraction) / 2)
        left = int((width - width * central_fraction) / 2)
        return crop_to_bounding_box(image, top, left, height - 2 * top, width - 2 * left)


def _reverse(image, axis):
    return reverse(image, [axis])


def flip_left_right(image):
    with scope(None, "flip_left_right"):
        return _reverse(tensor(image, name="image"), -2)


def flip_up_down(image):
    with scope(None, "flip_up_down"):
        return _reverse(tensor(image, name="image"), -3)


def transpose_image(image):
    with scope(None, "transpose_image"):
        image = tensor(image, name="image")
        return array_ops.transpose(image, [0, 2, 1, 3] if image.shape.ndims == 4 else [1, 0, 2])


def rot90(image, k=1, name=None):
    """Counter-clockwise by 90 degrees k times."""
    with scope(name, "rot90"):
        image = tensor(image, name="image")
        k = int(k) % 4
        if k == 0:
            return image
        if k == 2:
            return _reverse(_reverse(image, -2), -3)
        if k == 1:
            return transpose_image(_reverse(image, -2))
        return _reverse(transpose_image(image), -2)


def _random_flip(image, axis, seed, default_name):
    with scope(None, default_name):
        image = tensor(image, name="image")
        batch = [array_ops.shape(image)[0]] if image.shape.ndims == 4 else []
        flip = math_ops.less(random_uniform(array_ops.stack(batch) if batch else [], 0, 1.0, seed=seed), 0.5)
        mask = array_ops.reshape(flip, [-1, 1, 1, 1] if batch else [1, 1, 1])
        mask = array_ops.cast(mask, image.dtype)
        return mask * _reverse(image, axis) + (1 - mask) * image


def random_flip_left_right(image, seed=None):
    return _random_flip(image, -2, seed, "random_flip_left_right")


def random_flip_up_down(image, seed=None):
    return _random_flip(image, -3, seed, "random_flip_up_down")


# ---- dtype and value adjustments ----

def convert_image_dtype(image, dtype, saturate=False, name=None):
    """Integers span [0, MAX]; floats [0, 1). int->float multiplies by 1/MAX, float->int by MAX + 0.5 and
    truncates, int->int shifts by the ratio of the ranges (TF's rules)."""
    dtype = _dt.as_dtype(dtype)
    with scope(name, "convert_image") as s:
        image = tensor(image, name="image")
        if image.dtype == dtype:
            return array_ops.identity(image, name=s)
        src_int, dst_int = image.dtype.is_integer, dtype.is_integer
        if src_int and dst_int:
            src_max, dst_max = int(image.dtype.max), int(dtype.max)
            if src_max > dst_max:
                scale = (src_max + 1) // (dst_max + 1)
                return array_ops.cast(math_ops.floordiv(image, scale), dtype, name=s)
            scale = (dst_max + 1) // (src_max + 1)
            return math_ops.multiply(array_ops.cast(image, dtype), scale, name=s)
        if not src_int and not dst_int:
            return array_ops.cast(image, dtype, name=s)
        if src_int:
            cast = array_ops.cast(image, dtype)
            return math_ops.multiply(cast, 1.0 / image.dtype.max, name=s)
        scaled = math_ops.multiply(image, dtype.max + 0.5)
        if saturate:
            scaled = math_ops.clip_by_value(scaled, float(dtype.min), float(dtype.max))
        return array_ops.cast(scaled, dtype, name=s)


def per_image_standardization(image):
    """(x - mean) / max(stddev, 1 / sqrt(number of elements)) per image, in float32."""
    with scope(None, "per_image_standardization") as s:
        image = tensor(image, name="image")
        image = convert_image_dtype(image, _dt.float32) if image.dtype.is_integer else \
            array_ops.cast(image, _dt.float32)
        axes = [-1, -2, -3]
        num_pixels = math_ops.reduce_prod(array_ops.shape(image)[-3:])
        mean = math_ops.reduce_mean(image, axis=axes, keepdims=True)
        stddev = math_ops.reduce_std(image, axis=axes, keepdims=True)
        min_stddev = math_ops.rsqrt(array_ops.cast(num_pixels, _dt.float32))
        return math_ops.divide(math_ops.subtract(image, mean), math_ops.maximum(stddev, min_stddev), name=s)


def rgb_to_grayscale(images, name=None):
    with scope(name, "rgb_to_grayscale") as s:
        images = tensor(images, name="images")
        flt = convert_image_dtype(images, _dt.float32)
        weights = tensor([0.2989, 0.5870, 0.1140], dtype=_dt.float32)
        gray = array_ops.expand_dims(tensordot(flt, weights, [[flt.shape.ndims - 1], [0]]), -1)
        return convert_image_dtype(gray, images.dtype, name=s)


def grayscale_to_rgb(images, name=None):
    with scope(name, "grayscale_to_rgb"):
        images = tensor(images, name="images")
        return array_ops.tile(images, [1] * (images.shape.ndims - 1) + [3])


def adjust_brightness(image, delta):
    with scope(None, "adjust_brightness") as s:
        image = tensor(image, name="image")
        flt = convert_image_dtype(image, _dt.float32) if not image.dtype.is_floating else image
        adjusted = math_ops.add(flt, math_ops.cast(delta, flt.dtype) if isinstance(delta, Tensor) else delta)
        return convert_image_dtype(adjusted, image.dtype, saturate=True, name=s) \
            if not image.dtype.is_floating else adjusted


def random_brightness(image, max_delta, seed=None):
    if max_delta < 0:
        raise ValueError("max_delta must be non-negative.")
    return adjust_brightness(image, random_uniform([], -max_delta, max_delta, seed=seed))


# ---- PNG / JPEG through Pillow ----

def _pillow(symbol):
    try:
        from PIL import Image
    except ImportError:
        raise errors.UnimplementedError(None, None, "%s needs Pillow in the numpy runtime (pip install pillow)"
                                        % symbol) from None
    return Image


_MODES = {1: "L", 3: "RGB", 4: "RGBA"}


def _decode_kernel(symbol):
    def kernel(contents, channels):
        image_module = _pillow(symbol)
        with image_module.open(io.BytesIO(np.asarray(contents, dtype=object).item())) as img:
            if channels:
                img = img.convert(_MODES[channels])
            elif img.mode not in ("L", "RGB", "RGBA"):
                img = img.convert("RGBA" if "A" in img.mode else "RGB")
            arr = np.array(img, dtype=np.uint8)
        return arr[:, :, None] if arr.ndim == 2 else arr
    return kernel


def _encode_kernel(fmt, symbol):
    def kernel(image, quality):
        image_module = _pillow(symbol)
        arr = np.asarray(image)
        img = image_module.fromarray(arr[:, :, 0] if arr.shape[-1] == 1 else arr)
        buf = io.BytesIO()
        img.save(buf, format=fmt, **({"quality": int(quality)} if fmt == "JPEG" else {}))
        out = np.empty((), dtype=object)
        out[()] = buf.getvalue()
        return out
    return kernel


def _decoded_infer(op):
    channels = op.attrs["channels"]
    return [(_dt.uint8, TensorShape([None, None, channels or None]))]


for _name, _symbol in (("DecodePng", "tf.image.decode_png"), ("DecodeJpeg", "tf.image.decode_jpeg"),
                       ("DecodeImage", "tf.image.decode_image")):
    R.register(_name, kernel=_decode_kernel(_symbol), infer=_decoded_infer, grad=R.NO_GRADIENT)
R.register("EncodePng", kernel=_encode_kernel("PNG", "tf.image.encode_png"),
           infer=lambda op: [(_dt.string, TensorShape([]))], grad=R.NO_GRADIENT)
R.register("EncodeJpeg", kernel=_encode_kernel("JPEG", "tf.image.encode_jpeg"),
           infer=lambda op: [(_dt.string, TensorShape([]))], grad=R.NO_GRADIENT)


def _decoder(op_type, symbol):
    def decode(contents, channels=0, dtype=_dt.uint8, name=None, **_ignored):
        _pillow(symbol)  # fail at graph build, where the program asks for it, when Pillow is missing
        if _dt.as_dtype(dtype) != _dt.uint8:
            raise errors.UnimplementedError(None, None, "%s(dtype=%s) is not implemented by the numpy runtime"
                                            % (symbol, _dt.as_dtype(dtype).name))
        return make(op_type, [tensor(contents, dtype=_dt.string)], {"channels": int(channels)},
                    name or op_type)
    decode.__name__ = symbol.rsplit(".", 1)[-1]
    return decode


decode_png = _decoder("DecodePng", "tf.image.decode_png")
decode_jpeg = _decoder("DecodeJpeg", "tf.image.decode_jpeg")
decode_image = _decoder("DecodeImage", "tf.image.decode_image")


def encode_png(image, compression=-1, name=None):
    _pillow("tf.image.encode_png")
    return make("EncodePng", [tensor(image), tensor(0)], None, name or "EncodePng")


def encode_jpeg(image, format="", quality=95, name=None, **_ignored):  # noqa: A002 - TF's argument name
    _pillow("tf.image.encode_jpeg")
    return make("EncodeJpeg", [tensor(image), tensor(int(quality))], None, name or "EncodeJpeg")


def _random_crop(value, size, seed=None, name=None):
    from .ops.sampling_ops import random_crop
    return random_crop(value, size, seed, name)


export_value(per_image_standardization, "tf.image.per_image_whitening")  # TF 0.x's name (same formula)

__all__ = ["ResizeMethod", "resize_images", "resize", "resize_bilinear", "resize_nearest_neighbor",
           "crop_to_bounding_box", "pad_to_bounding_box", "resize_image_with_crop_or_pad",
           "resize_with_crop_or_pad", "central_crop", "flip_left_right", "flip_up_down", "transpose_image",
           "transpose", "rot90", "random_flip_left_right", "random_flip_up_down", "convert_image_dtype",
           "per_image_standardization", "rgb_to_grayscale", "grayscale_to_rgb", "adjust_brightness",
           "random_brightness", "decode_png", "decode_jpeg", "decode_image", "encode_png", "encode_jpeg",
           "random_crop"]
resize_with_crop_or_pad = resize_image_with_crop_or_pad
transpose = transpose_image
random_crop = _random_crop
export_namespace(sys.modules[__name__], "tf.image")
