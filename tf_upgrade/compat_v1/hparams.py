"""`tf.contrib.training.HParams`: named hyperparameters with a type per name, parsed from
"name=value,list=[1,2]" strings (each value converted to the type the hyperparameter already has)."""
import json
import re

from .namespace import export

_ASSIGNMENT = re.compile(r"\s*(?P<name>[A-Za-z_]\w*)\s*=\s*(?P<value>\[[^\]]*\]|[^,\[]*)\s*(?:,|$)")


def _convert(name, kind, text):
    text = text.strip()
    if kind is bool:
        lowered = text.lower()
        if lowered in ("true", "1"):
            return True
        if lowered in ("false", "0"):
            return False
        raise ValueError("Could not parse %r as a boolean for hparam %s" % (text, name))
    if kind is int:
        try:
            return int(text)
        except ValueError:
            raise ValueError("Could not parse %r as an integer for hparam %s" % (text, name)) from None
    if kind is float:
        return float(text)
    return text


@export("tf.contrib.training.HParams")
class HParams:
    def __init__(self, hparam_def=None, model_structure=None, **kwargs):
        self._types = {}  # name -> (element type, is_list)
        self._model_structure = model_structure
        for name, value in kwargs.items():
            self.add_hparam(name, value)

    def add_hparam(self, name, value):
        if getattr(self, name, None) is not None and name in self._types:
            raise ValueError("Hyperparameter name is reserved or already set: %s" % name)
        if name in ("add_hparam", "set_hparam", "parse", "values", "get", "to_json", "parse_json") \
                or (hasattr(type(self), name)):
            raise ValueError("Hyperparameter name is reserved: %s" % name)
        if isinstance(value, (list, tuple)):
            if not value:
                raise ValueError("Multi-valued hyperparameters cannot be empty: %s" % name)
            self._types[name] = (type(value[0]), True)
        else:
            self._types[name] = (type(value), False)
        setattr(self, name, value)

    def set_hparam(self, name, value):
        kind, is_list = self._types[name]
        if is_list:
            if not isinstance(value, (list, tuple)):
                raise ValueError("Must not pass a non-list value to list parameter %s" % name)
            setattr(self, name, [self._cast(name, kind, v) for v in value])
        else:
            if isinstance(value, (list, tuple)):
                raise ValueError("Must pass a list for multi-valued parameter: %s" % name)
            setattr(self, name, self._cast(name, kind, value))

    @staticmethod
    def _cast(name, kind, value):
        if value is None or kind is type(None) or isinstance(value, kind):
            return value
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        raise ValueError("Could not cast hparam %s of type %s to %s" % (name, type(value).__name__, kind.__name__))

    def del_hparam(self, name):
        if name in self._types:
            delattr(self, name)
            del self._types[name]

    def parse(self, values):
        """Override from a 'a=1,b=[2,3],c=text' string; unknown names raise ValueError."""
        pos = 0
        values = values or ""
        while pos < len(values.strip()):
            m = _ASSIGNMENT.match(values, pos)
            if not m:
                raise ValueError("Malformed hyperparameter value: %r" % values[pos:])
            name, text = m.group("name"), m.group("value")
            if name not in self._types:
                raise ValueError("Unknown hyperparameter type for %s" % name)
            kind, is_list = self._types[name]
            if is_list:
                items = [t for t in text.strip()[1:-1].split(",") if t.strip()] if text.strip().startswith("[") \
                    else [text]
                setattr(self, name, [_convert(name, kind, t) for t in items])
            else:
                if text.strip().startswith("["):
                    raise ValueError("Must not pass a list for single-valued parameter: %s" % name)
                setattr(self, name, _convert(name, kind, text))
            pos = m.end()
        return self

    def override_from_dict(self, values_dict):
        for name, value in values_dict.items():
            self.set_hparam(name, value)
        return self

    def values(self):
        return {name: getattr(self, name) for name in self._types}

    def get(self, key, default=None):
        return getattr(self, key) if key in self._types else default

    def to_json(self, indent=None, separators=None, sort_keys=False):
        return json.dumps(self.values(), indent=indent, separators=separators, sort_keys=sort_keys)

    def parse_json(self, values_json):
        return self.override_from_dict(json.loads(values_json))

    def __contains__(self, key):
        return key in self._types

    def __str__(self):
        return str(sorted(self.values().items()))

    def __repr__(self):
        return "HParams(%s)" % ", ".join("%s=%r" % kv for kv in sorted(self.values().items()))
