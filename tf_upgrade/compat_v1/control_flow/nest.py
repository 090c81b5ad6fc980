from ..namespace import export

"""``tf.nest``-style helpers: flatten / pack nested tuples, lists, dicts and namedtuples.

Dicts flatten in sorted key order, as TensorFlow does.
"""


def _is_namedtuple(x):
    return isinstance(x, tuple) and hasattr(x, "_fields")


@export("tf.nest.is_nested")
def is_sequence(x):
    return isinstance(x, (list, tuple, dict))


is_nested = is_sequence


@export("tf.nest.flatten")
def flatten(structure):
    if isinstance(structure, dict):
        return [leaf for k in sorted(structure) for leaf in flatten(structure[k])]
    if isinstance(structure, (list, tuple)):
        return [leaf for item in structure for leaf in flatten(item)]
    return [structure]


def _pack(structure, flat, pos):
    if isinstance(structure, dict):
        out = {}
        for k in sorted(structure):
            out[k], pos = _pack(structure[k], flat, pos)
        return type(structure)((k, out[k]) for k in structure), pos
    if isinstance(structure, (list, tuple)):
        items = []
        for item in structure:
            v, pos = _pack(item, flat, pos)
            items.append(v)
        if _is_namedtuple(structure):
            return type(structure)(*items), pos
        return type(structure)(items), pos
    return flat[pos], pos + 1


@export("tf.nest.pack_sequence_as")
def pack_sequence_as(structure, flat_sequence):
    flat_sequence = list(flat_sequence)
    n = len(flatten(structure))
    if n != len(flat_sequence):
        raise ValueError("structure has %d elements, but flat_sequence has %d" % (n, len(flat_sequence)))
    return _pack(structure, flat_sequence, 0)[0]


@export("tf.nest.map_structure")
def map_structure(fn, *structures):
    flats = [flatten(s) for s in structures]
    for f in flats[1:]:
        if len(f) != len(flats[0]):
            raise ValueError("The two structures don't have the same number of elements.")
    return pack_sequence_as(structures[0], [fn(*xs) for xs in zip(*flats)])


@export("tf.nest.assert_same_structure")
def assert_same_structure(a, b, check_types=True):
    if len(flatten(a)) != len(flatten(b)):
        raise ValueError("The two structures don't have the same nested structure.\n\n"
                         "First structure: %s\n\nSecond structure: %s" % (a, b))


def flatten_up_to(shallow, value):
    """Flatten ``value`` only as deep as ``shallow`` goes (its leaves may be lists/arrays)."""
    if isinstance(shallow, dict):
        return [leaf for k in sorted(shallow) for leaf in flatten_up_to(shallow[k], value[k])]
    if isinstance(shallow, (list, tuple)):
        if len(shallow) != len(value):
            raise ValueError("structure mismatch: %r vs %r" % (shallow, value))
        return [leaf for s, v in zip(shallow, value) for leaf in flatten_up_to(s, v)]
    return [value]
