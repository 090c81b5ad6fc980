"""NHWC convolution and pooling kernels with their gradients, in numpy.

Padding follows TensorFlow: ``VALID`` uses no padding; ``SAME`` gives
``ceil(in / stride)`` outputs and pads ``max((out-1)*stride + k - in, 0)``
in total, the smaller half before.
"""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _norm_padding(padding):
    p = padding.decode() if isinstance(padding, bytes) else str(padding)
    p = p.upper()
    if p not in ("SAME", "VALID"):
        raise ValueError("padding must be SAME or VALID, got %r" % padding)
    return p


def out_size_and_pad(size, k, stride, padding, dilation=1):
    eff = (k - 1) * dilation + 1
    if _norm_padding(padding) == "VALID":
        return (size - eff) // stride + 1, 0, 0
    out = -(-size // stride)
    total = max((out - 1) * stride + eff - size, 0)
    return out, total // 2, total - total // 2


def _geometry(xshape, kh, kw, strides, padding, dilations=(1, 1)):
    _, h, w, _ = xshape
    sh, sw = strides
    oh, pt, pb = out_size_and_pad(h, kh, sh, padding, dilations[0])
    ow, pl, pr = out_size_and_pad(w, kw, sw, padding, dilations[1])
    return oh, ow, (pt, pb, pl, pr)


def _pad(x, pads, value=0.0):
    pt, pb, pl, pr = pads
    if not any(pads):
        return x
    return np.pad(x, ((0, 0), (pt, pb), (pl, pr), (0, 0)), constant_values=value)


def _patches(xp, kh, kw, oh, ow, strides, dilations=(1, 1)):
    """(N, OH, OW, KH, KW, C) view of the windows of a padded input."""
    dh, dw = dilations
    win = sliding_window_view(xp, ((kh - 1) * dh + 1, (kw - 1) * dw + 1), axis=(1, 2))
    win = win[:, ::strides[0], ::strides[1], :, ::dh, ::dw][:, :oh, :ow]
    return win.transpose(0, 1, 2, 4, 5, 3)  # N, OH, OW, KH, KW, C


def _acc_dtype(dtype):
    return np.float64 if np.dtype(dtype) in (np.float32, np.float16) else dtype


def strides_hw(strides):
    s = list(strides)
    if len(s) == 4:
        return int(s[1]), int(s[2])
    if len(s) == 2:
        return int(s[0]), int(s[1])
    return int(s[0]), int(s[0])


def conv2d(x, w, strides, padding, dilations=(1, 1)):
    kh, kw, _, _ = w.shape
    oh, ow, pads = _geometry(x.shape, kh, kw, strides, padding, dilations)
    acc = _acc_dtype(x.dtype)
    p = _patches(_pad(x.astype(acc), pads), kh, kw, oh, ow, strides, dilations)
    return np.tensordot(p, w.astype(acc), axes=([3, 4, 5], [0, 1, 2])).astype(x.dtype)


def conv2d_backprop_filter(x, filter_shape, dy, strides, padding, dilations=(1, 1)):
    kh, kw = int(filter_shape[0]), int(filter_shape[1])
    oh, ow, pads = _geometry(x.shape, kh, kw, strides, padding, dilations)
    acc = _acc_dtype(x.dtype)
    p = _patches(_pad(x.astype(acc), pads), kh, kw, oh, ow, strides, dilations)
    return np.tensordot(p, dy.astype(acc), axes=([0, 1, 2], [0, 1, 2])).astype(x.dtype)


def conv2d_backprop_input(input_shape, w, dy, strides, padding, dilations=(1, 1)):
    n, h, wd, c = [int(d) for d in input_shape]
    kh, kw, _, _ = w.shape
    oh, ow, pads = _geometry((n, h, wd, c), kh, kw, strides, padding, dilations)
    pt, pb, pl, pr = pads
    acc = _acc_dtype(dy.dtype)
    dp = np.tensordot(dy.astype(acc), w.astype(acc), axes=([3], [3]))  # N,OH,OW,KH,KW,C
    dxp = np.zeros((n, h + pt + pb, wd + pl + pr, c), acc)
    sh, sw = strides
    dh, dw = dilations
    for i in range(kh):
        for j in range(kw):
            r0, c0 = i * dh, j * dw
            dxp[:, r0:r0 + (oh - 1) * sh + 1:sh, c0:c0 + (ow - 1) * sw + 1:sw, :] += dp[:, :, :, i, j, :]
    return dxp[:, pt:pt + h, pl:pl + wd, :].astype(dy.dtype)


def max_pool(x, ksize, strides, padding):
    kh, kw = ksize
    oh, ow, pads = _geometry(x.shape, kh, kw, strides, padding)
    p = _patches(_pad(x, pads, -np.inf), kh, kw, oh, ow, strides)
    return p.max(axis=(3, 4)).astype(x.dtype)


def max_pool_grad(x, dy, ksize, strides, padding):
    kh, kw = ksize
    n, h, w, c = x.shape
    oh, ow, pads = _geometry(x.shape, kh, kw, strides, padding)
    pt, pb, pl, pr = pads
    xp = _pad(x, pads, -np.inf)
    p = _patches(xp, kh, kw, oh, ow, strides)
    flat = p.reshape(n, oh, ow, kh * kw, c)
    arg = flat.argmax(axis=3)  # first maximum in row-major window order
    ai, aj = arg // kw, arg % kw
    rows = np.arange(oh)[None, :, None, None] * strides[0] + ai
    cols = np.arange(ow)[None, None, :, None] * strides[1] + aj
    nn = np.broadcast_to(np.arange(n)[:, None, None, None], rows.shape)
    cc = np.broadcast_to(np.arange(c)[None, None, None, :], rows.shape)
    dxp = np.zeros(xp.shape, np.float64)
    np.add.at(dxp, (nn, rows, cols, cc), dy)
    return dxp[:, pt:pt + h, pl:pl + w, :].astype(x.dtype)


def _pool_counts(xshape, kh, kw, oh, ow, strides, pads):
    ones = _pad(np.ones((1,) + tuple(xshape[1:3]) + (1,)), pads, 0.0)
    return _patches(ones, kh, kw, oh, ow, strides).sum(axis=(3, 4))  # 1,OH,OW,1


def avg_pool(x, ksize, strides, padding):
    kh, kw = ksize
    oh, ow, pads = _geometry(x.shape, kh, kw, strides, padding)
    acc = _acc_dtype(x.dtype)
    p = _patches(_pad(x.astype(acc), pads), kh, kw, oh, ow, strides)
    return (p.sum(axis=(3, 4)) / _pool_counts(x.shape, kh, kw, oh, ow, strides, pads)).astype(x.dtype)


def avg_pool_grad(input_shape, dy, ksize, strides, padding):
    kh, kw = ksize
    n, h, w, c = [int(d) for d in input_shape]
    oh, ow, pads = _geometry((n, h, w, c), kh, kw, strides, padding)
    pt, pb, pl, pr = pads
    g = dy.astype(np.float64) / _pool_counts((n, h, w, c), kh, kw, oh, ow, strides, pads)
    dxp = np.zeros((n, h + pt + pb, w + pl + pr, c))
    sh, sw = strides
    for i in range(kh):
        for j in range(kw):
            dxp[:, i:i + (oh - 1) * sh + 1:sh, j:j + (ow - 1) * sw + 1:sw, :] += g
    return dxp[:, pt:pt + h, pl:pl + w, :].astype(dy.dtype)
