"""Op definitions: `registry` is the one op table; each `*_ops` module registers its op types there when it is
imported (the runtime package imports them all)."""
from . import registry  # noqa: F401
