"""`python -m tf_upgrade.compat_v1 --supported`: the implemented TF symbols, per namespace."""
import argparse
import sys

from . import namespace


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tf_upgrade.compat_v1",
                                     description="The numpy TF1 runtime shim.")
    parser.add_argument("--supported", action="store_true", help="print the supported symbol list")
    args = parser.parse_args(argv)
    if not args.supported:
        parser.print_help()
        return 0
    import tf_upgrade.compat_v1  # noqa: F401 - registers the namespaces
    for qualified, names in namespace.supported_symbols().items():
        print("%s (%d)" % (qualified, len(names)))
        for n in names:
            print("  %s.%s" % (qualified, n))
    print("\nNotes: random ops are seeded per (graph seed, op seed) but draw numpy's numbers, not TF's; "
          "their distribution and shape match TF.")
    from . import extensions
    print(extensions.NOTES)
    return 0


if __name__ == "__main__":
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # `... --supported | head`: the reader has what it wanted.  Point stdout at devnull
        # so the interpreter's final flush does not raise again.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    sys.exit(code)
