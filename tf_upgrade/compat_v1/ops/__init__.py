"""Op definitions. Importing this package registers every core op in `registry`."""
from . import registry  # noqa: F401
