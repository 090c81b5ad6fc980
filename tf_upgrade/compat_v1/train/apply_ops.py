"""Fused optimizer update ops with TF1's exact update rules (operating on variable cells in place of refs)."""
import numpy as np

from ..ops import registry as R
from ..ops.state_ops import _read


def _no_outputs(op):
    return []


def _apply_gradient_descent(var, alpha, delta):
    var.value = _read(var) - alpha * delta
    return ()


def _apply_momentum(var, accum, lr, grad, momentum, use_nesterov):
    a = _read(accum) * momentum + grad
    accum.value = a
    if use_nesterov:
        var.value = _read(var) - (grad * lr + a * momentum * lr)
    else:
        var.value = _read(var) - lr * a
    return ()


def _apply_adam(var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad, use_nesterov):
    # lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t); epsilon is added to sqrt(v) (not inside it).
    alpha = lr * np.sqrt(1 - beta2_power) / (1 - beta1_power)
    m_t = _read(m) + (grad - _read(m)) * (1 - beta1)
    v_t = _read(v) + (grad * grad - _read(v)) * (1 - beta2)
    m.value, v.value = m_t, v_t
    if use_nesterov:
        var.value = _read(var) - (m_t * beta1 + (1 - beta1) * grad) * alpha / (np.sqrt(v_t) + epsilon)
    else:
        var.value = _read(var) - (m_t * alpha) / (np.sqrt(v_t) + epsilon)
    return ()


def _apply_adagrad(var, accum, lr, grad, update_slots):
    a = _read(accum)
    if update_slots:
        a = a + grad * grad
        accum.value = a
    var.value = _read(var) - grad * lr / np.sqrt(a)
    return ()


def _apply_rmsprop(var, ms, mom, lr, rho, momentum, epsilon, grad):
    ms_t = _read(ms) + (grad * grad - _read(ms)) * (1 - rho)
    mom_t = _read(mom) * momentum + (grad * lr) / np.sqrt(ms_t + epsilon)
    ms.value, mom.value = ms_t, mom_t
    var.value = _read(var) - mom_t
    return ()


def _apply_centered_rmsprop(var, mg, ms, mom, lr, rho, momentum, epsilon, grad):
    mg_t = _read(mg) + (grad - _read(mg)) * (1 - rho)
    ms_t = _read(ms) + (grad * grad - _read(ms)) * (1 - rho)
    mom_t = _read(mom) * momentum + (grad * lr) / np.sqrt(ms_t - mg_t * mg_t + epsilon)
    mg.value, ms.value, mom.value = mg_t, ms_t, mom_t
    var.value = _read(var) - mom_t
    return ()


for _type, _kernel in (("ResourceApplyGradientDescent", _apply_gradient_descent),
                       ("ResourceApplyMomentum", _apply_momentum),
                       ("ResourceApplyAdam", _apply_adam),
                       ("ResourceApplyAdagrad", _apply_adagrad),
                       ("ResourceApplyRMSProp", _apply_rmsprop),
                       ("ResourceApplyCenteredRMSProp", _apply_centered_rmsprop)):
    R.register(_type, kernel=_kernel, infer=_no_outputs, grad=R.NO_GRADIENT, stateful=True)
