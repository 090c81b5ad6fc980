"""``tf.app.flags`` / ``tf.flags``.

Backed by absl when it is installed (as TensorFlow's own flags are); otherwise a
small argparse-like implementation with the same surface: ``DEFINE_string``,
``DEFINE_integer``, ``DEFINE_float``, ``DEFINE_boolean``/``DEFINE_bool``,
``DEFINE_list``, ``DEFINE_enum``, ``DEFINE_multi_string`` and ``FLAGS``.

Like TensorFlow's wrapper, reading an attribute of ``FLAGS`` before the flags
were parsed parses ``sys.argv`` first (unknown flags are left for the program).
"""
import sys

from ..namespace import export_namespace

try:  # pragma: no cover - absl is optional
    from absl import flags as _absl_flags
except ImportError:  # pragma: no cover
    _absl_flags = None


class Error(Exception):
    pass


class UnrecognizedFlagError(Error):
    pass


class IllegalFlagValueError(Error):
    pass


def _parse_bool(text):
    t = str(text).strip().lower()
    if t in ("true", "t", "1", "yes", "y"):
        return True
    if t in ("false", "f", "0", "no", "n"):
        return False
    raise IllegalFlagValueError("not a boolean: %r" % text)


def _parse_list(text):
    if isinstance(text, (list, tuple)):
        return list(text)
    text = str(text).strip()
    return [p.strip() for p in text.split(",")] if text else []


class _Flag:
    def __init__(self, name, default, help, parser, kind, short_name=None, enum_values=None, multi=False):
        self.name = name
        self.help = help or ""
        self.parser = parser
        self.kind = kind
        self.short_name = short_name
        self.enum_values = enum_values
        self.multi = multi
        self.default = None if default is None else self.convert(default, initial=True)
        self.value = self.default
        self.present = 0

    def convert(self, text, initial=False):
        if self.multi:
            items = text if isinstance(text, (list, tuple)) else [text]
            return [self.parser(x) for x in items]
        try:
            value = self.parser(text)
        except (TypeError, ValueError) as e:
            raise IllegalFlagValueError("flag --%s: %s" % (self.name, e)) from e
        if self.enum_values is not None and value not in self.enum_values:
            raise IllegalFlagValueError("flag --%s must be one of %s" % (self.name, self.enum_values))
        return value


class FlagValues:
    """The fallback ``FLAGS`` object."""

    def __init__(self):
        self.__dict__["_flags"] = {}
        self.__dict__["_parsed"] = False

    # -- definition
    def _define(self, flag):
        flags = self.__dict__["_flags"]
        if flag.name in flags:
            raise Error("flag --%s defined twice" % flag.name)
        flags[flag.name] = flag
        if flag.short_name:
            flags[flag.short_name] = flag

    def __contains__(self, name):
        return name in self._flags

    def __getitem__(self, name):
        return self._flags[name]

    def is_parsed(self):
        return self._parsed

    def mark_as_parsed(self):
        self.__dict__["_parsed"] = True

    def __getattr__(self, name):
        flags = self.__dict__["_flags"]
        if name not in flags:
            raise AttributeError(name)
        if not self.__dict__["_parsed"]:
            self(sys.argv, known_only=True)
        return flags[name].value

    def __setattr__(self, name, value):
        if name not in self._flags:
            raise AttributeError("unknown flag --%s" % name)
        self._flags[name].value = value

    def __delattr__(self, name):
        del self._flags[name]

    def flag_values_dict(self):
        return {n: f.value for n, f in self._flags.items() if n == f.name}

    def __iter__(self):
        return iter([n for n, f in self._flags.items() if n == f.name])

    def _lookup(self, name):
        flags = self._flags
        if name in flags:
            return flags[name], None
        if name.startswith("no") and name[2:] in flags and flags[name[2:]].kind == "bool":
            return flags[name[2:]], False
        return None, None

    def __call__(self, argv, known_only=False):
        """Parse ``argv`` (argv[0] is the program); return the unparsed arguments."""
        argv = list(argv)
        rest = argv[:1]
        i = 1
        while i < len(argv):
            arg = argv[i]
            i += 1
            if arg == "--":
                rest.extend(argv[i:])
                break
            if not arg.startswith("-") or arg == "-":
                rest.append(arg)
                continue
            body = arg.lstrip("-")
            name, eq, text = body.partition("=")
            flag, forced = self._lookup(name)
            if flag is None:
                if known_only:
                    rest.append(arg)
                    continue
                raise UnrecognizedFlagError("Unknown command line flag '%s'" % name)
            if flag.kind == "bool":
                value = forced if forced is not None else (_parse_bool(text) if eq else True)
            else:
                if not eq:
                    if i >= len(argv):
                        raise IllegalFlagValueError("flag --%s needs a value" % flag.name)
                    text = argv[i]
                    i += 1
                value = flag.convert(text)
                if flag.multi:
                    value = (flag.value if flag.present else []) + value
            flag.value = value
            flag.present += 1
        self.__dict__["_parsed"] = True
        return rest

    def reset(self):
        """Forget everything (used by tests)."""
        self.__dict__["_flags"] = {}
        self.__dict__["_parsed"] = False


# TF 1.x's flags module still accepted the pre-absl keyword names (flag_name=, default_value=, docstring=).
_OLD_KEYWORDS = (("flag_name", "name"), ("default_value", "default"), ("docstring", "help"))


def _definer(kind, parser, **extra):
    def define(name=None, default=None, help=None, flag_values=None, short_name=None, **kwargs):
        given = {"name": name, "default": default, "help": help}
        for old, new in _OLD_KEYWORDS:
            if old in kwargs:
                given[new] = kwargs.pop(old)
        name, default, help = given["name"], given["default"], given["help"]
        if name is None:
            raise TypeError("DEFINE_%s() missing required argument: 'name'" % kind)
        fv = flag_values if flag_values is not None else FLAGS
        if _absl_flags is not None and fv is FLAGS:
            return _ABSL_DEFINERS[kind](name, default, help, short_name=short_name, **kwargs)
        enum_values = kwargs.get("enum_values")
        fv._define(_Flag(name, default, help, parser, kind, short_name=short_name,
                         enum_values=enum_values, **extra))
    define.__name__ = "DEFINE_" + kind
    return define


if _absl_flags is not None:  # pragma: no cover - depends on the environment
    class _AbslWrapper:
        """Parses ``sys.argv`` on first access, as TensorFlow's flags wrapper does."""

        def __init__(self, fv):
            self.__dict__["_fv"] = fv

        def __getattr__(self, name):
            fv = self.__dict__["_fv"]
            if not fv.is_parsed():
                fv(sys.argv, known_only=True)
            return getattr(fv, name)

        def __setattr__(self, name, value):
            setattr(self.__dict__["_fv"], name, value)

        def __contains__(self, name):
            return name in self.__dict__["_fv"]

        def __call__(self, argv, known_only=False):
            return self.__dict__["_fv"](argv, known_only=known_only)

        def __getitem__(self, name):
            return self.__dict__["_fv"][name]

        def is_parsed(self):
            return self.__dict__["_fv"].is_parsed()

        def flag_values_dict(self):
            return self.__dict__["_fv"].flag_values_dict()

    FLAGS = _AbslWrapper(_absl_flags.FLAGS)
    _ABSL_DEFINERS = {
        "string": _absl_flags.DEFINE_string, "integer": _absl_flags.DEFINE_integer,
        "float": _absl_flags.DEFINE_float, "bool": _absl_flags.DEFINE_boolean,
        "list": _absl_flags.DEFINE_list,
        "enum": lambda n, d, h, enum_values=None, **k: _absl_flags.DEFINE_enum(n, d, enum_values, h, **k),
        "multi_string": _absl_flags.DEFINE_multi_string,
    }
else:
    FLAGS = FlagValues()
    _ABSL_DEFINERS = {}

DEFINE_string = _definer("string", str)
DEFINE_integer = _definer("integer", int)
DEFINE_float = _definer("float", float)
DEFINE_boolean = _definer("bool", lambda v: v if isinstance(v, bool) else _parse_bool(v))
DEFINE_bool = DEFINE_boolean
DEFINE_list = _definer("list", _parse_list)
DEFINE_multi_string = _definer("multi_string", str, multi=True)
_define_enum = _definer("enum", str)


def DEFINE_enum(name, default, enum_values, help=None, flag_values=None, **kwargs):
    return _define_enum(name, default, help, flag_values=flag_values, enum_values=list(enum_values), **kwargs)


def mark_flag_as_required(name, flag_values=None):
    if _absl_flags is not None and flag_values is None:  # pragma: no cover
        return _absl_flags.mark_flag_as_required(name)
    # the fallback checks required flags in tf.app.run
    _REQUIRED.add(name)


def mark_flags_as_required(names, flag_values=None):
    for n in names:
        mark_flag_as_required(n, flag_values)


_REQUIRED = set()


export_namespace(sys.modules[__name__], "tf.flags", "tf.app.flags")
