"""Fused optimizer update ops with TF1's exact update rules (same float32 operation order as TF's kernels).

Updates are in place on arrays nobody else holds (`state_ops.writable` copies an array that was handed out),
which saves allocating a new array per slot per step.
"""
import numpy as np

from ..ops import registry as R
from ..ops.state_ops import writable


def _no_outputs(op):
    return []


def _apply_gradient_descent(var, alpha, delta):
    w = writable(var)
    w -= alpha * delta
    return ()


def _apply_momentum(var, accum, lr, grad, momentum, use_nesterov):
    a = writable(accum)
    a *= momentum
    a += grad
    w = writable(var)
    if use_nesterov:
        w -= grad * lr + a * momentum * lr
    else:
        w -= lr * a
    return ()


def _apply_adam(var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad, use_nesterov):
    # lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t); epsilon is added to sqrt(v) (not inside it).
    alpha = lr * np.sqrt(1 - beta2_power) / (1 - beta1_power)
    m_t, v_t, w = writable(m), writable(v), writable(var)
    tmp = np.subtract(grad, m_t)
    tmp *= 1 - beta1
    m_t += tmp
    tmp2 = np.multiply(grad, grad)
    tmp2 -= v_t
    tmp2 *= 1 - beta2
    v_t += tmp2
    if use_nesterov:
        np.multiply(m_t, beta1, out=tmp)
        tmp += (1 - beta1) * grad
        tmp *= alpha
    else:
        np.multiply(m_t, alpha, out=tmp)
    np.sqrt(v_t, out=tmp2)
    tmp2 += epsilon
    tmp /= tmp2
    w -= tmp
    return ()


def _apply_adagrad(var, accum, lr, grad, update_slots):
    a = writable(accum)
    if update_slots:
        a += grad * grad
    w = writable(var)
    w -= grad * lr / np.sqrt(a)
    return ()


def _apply_adadelta(var, accum, accum_update, lr, rho, epsilon, grad):
    a, u = writable(accum), writable(accum_update)
    a *= rho
    a += grad * grad * (1 - rho)
    update = np.sqrt(u + epsilon) * (1 / np.sqrt(a + epsilon)) * grad
    w = writable(var)
    w -= update * lr
    u *= rho
    u += update * update * (1 - rho)
    return ()


def _apply_rmsprop(var, ms, mom, lr, rho, momentum, epsilon, grad):
    ms_t, mom_t = writable(ms), writable(mom)
    ms_t += (grad * grad - ms_t) * (1 - rho)
    mom_t *= momentum
    mom_t += (grad * lr) / np.sqrt(ms_t + epsilon)
    w = writable(var)
    w -= mom_t
    return ()


def _apply_centered_rmsprop(var, mg, ms, mom, lr, rho, momentum, epsilon, grad):
    mg_t, ms_t, mom_t = writable(mg), writable(ms), writable(mom)
    mg_t += (grad - mg_t) * (1 - rho)
    ms_t += (grad * grad - ms_t) * (1 - rho)
    mom_t *= momentum
    mom_t += (grad * lr) / np.sqrt(ms_t - mg_t * mg_t + epsilon)
    w = writable(var)
    w -= mom_t
    return ()


for _type, _kernel in (("ResourceApplyGradientDescent", _apply_gradient_descent),
                       ("ResourceApplyMomentum", _apply_momentum),
                       ("ResourceApplyAdam", _apply_adam),
                       ("ResourceApplyAdagrad", _apply_adagrad),
                       ("ResourceApplyAdadelta", _apply_adadelta),
                       ("ResourceApplyRMSProp", _apply_rmsprop),
                       ("ResourceApplyCenteredRMSProp", _apply_centered_rmsprop)):
    R.register(_type, kernel=_kernel, infer=_no_outputs, grad=R.NO_GRADIENT, stateful=True)
