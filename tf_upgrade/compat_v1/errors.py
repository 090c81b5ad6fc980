"""`tf.errors`: the exception classes TF1 raises, with TF's constructor signature."""


class OpError(Exception):
    """Base of TF runtime errors: carries the failing op (or None) and a message."""

    error_code = 2

    def __init__(self, node_def=None, op=None, message="", error_code=None):
        super().__init__(message)
        self.node_def = node_def
        self.op = op
        self.message = message
        if error_code is not None:
            self.error_code = error_code

    def __str__(self):
        return self.message


def _error(name, code):
    cls = type(name, (OpError,), {"error_code": code})
    cls.__module__ = __name__
    return cls


CancelledError = _error("CancelledError", 1)
UnknownError = _error("UnknownError", 2)
InvalidArgumentError = _error("InvalidArgumentError", 3)
DeadlineExceededError = _error("DeadlineExceededError", 4)
NotFoundError = _error("NotFoundError", 5)
AlreadyExistsError = _error("AlreadyExistsError", 6)
PermissionDeniedError = _error("PermissionDeniedError", 7)
ResourceExhaustedError = _error("ResourceExhaustedError", 8)
FailedPreconditionError = _error("FailedPreconditionError", 9)
AbortedError = _error("AbortedError", 10)
OutOfRangeError = _error("OutOfRangeError", 11)
UnimplementedError = _error("UnimplementedError", 12)
InternalError = _error("InternalError", 13)
UnavailableError = _error("UnavailableError", 14)
DataLossError = _error("DataLossError", 15)
UnauthenticatedError = _error("UnauthenticatedError", 16)

OK, CANCELLED, UNKNOWN, INVALID_ARGUMENT, DEADLINE_EXCEEDED, NOT_FOUND = range(6)
ALREADY_EXISTS, PERMISSION_DENIED, RESOURCE_EXHAUSTED, FAILED_PRECONDITION = range(6, 10)
ABORTED, OUT_OF_RANGE, UNIMPLEMENTED, INTERNAL, UNAVAILABLE, DATA_LOSS = range(10, 16)
UNAUTHENTICATED = 16


class UnsupportedSymbolError(AttributeError, NotImplementedError):
    """A TF symbol the numpy shim does not implement.

    Subclasses AttributeError so `hasattr(tf, name)` stays False, and
    NotImplementedError so callers can catch it by meaning.
    """


class UnsupportedImportError(ModuleNotFoundError, NotImplementedError):
    """`import tensorflow.<module>` of a module the numpy shim does not implement (an ImportError, so
    `try: import ... except ImportError:` fallbacks in user code keep working)."""

