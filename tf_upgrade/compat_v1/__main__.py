"""Run a TF 1.x program unmodified on the numpy runtime, or list what the runtime implements.

    python -m tf_upgrade.compat_v1 script.py [args...]     # `import tensorflow` gets this runtime
    python -m tf_upgrade.compat_v1 -m package.module [args...]
    python -m tf_upgrade.compat_v1 --supported             # the implemented TF symbols, per namespace
    python -m tf_upgrade.compat_v1 --tf0 script.py ...      # the program is TF 0.x code: positional cross
                                                            # entropies are read as 0.x's (logits, labels)

The program sees the `sys.argv` and `sys.path[0]` Python itself would give it.
"""
import os
import runpy
import sys
import traceback

from . import namespace, tf0  # (the package, imported before this module, built the namespaces)

NOTES = ("The runtime runs queue runners and tf.data inside session.run (no threads); shuffles draw numpy's random "
         "numbers. Not implemented: canned Estimators/feature columns, reading TensorFlow-written .meta files, partitioned "
         "variables, NCHW data formats, string tensors in checkpoints, feedable string-handle iterators.")

USAGE = __doc__.split("\n\n")[1] + "\n"


def supported_text():
    lines = []
    for qualified, names in namespace.supported_symbols().items():
        lines.append("%s (%d)" % (qualified, len(names)))
        lines.extend("  %s.%s" % (qualified, n) for n in names)
    lines.append("\nNotes: random ops are seeded per (graph seed, op seed) but draw numpy's numbers, not TF's; "
                 "their distribution and shape match TF.")
    lines.append(NOTES)
    return "\n".join(lines) + "\n"


def _write(text, stream):
    stream.write(text)  # a reader that has gone (`| head`) is handled once, at the bottom of this file


def _report(exc):
    """The program's traceback as `python script.py` prints it: from the program's first frame on."""
    tb = exc.__traceback__
    while tb is not None and (tb.tb_frame.f_code.co_filename in (__file__, "<frozen runpy>")
                              or tb.tb_frame.f_code.co_filename.endswith("runpy.py")):
        tb = tb.tb_next
    traceback.print_exception(type(exc), exc, tb or exc.__traceback__)
    return 1


def run_script(path, args):
    from . import importer
    importer.install()
    sys.argv = [path] + list(args)
    sys.path[0] = os.path.dirname(os.path.abspath(path))
    try:
        runpy.run_path(path, run_name="__main__")
    except Exception as exc:  # noqa: BLE001 - reported like Python reports an uncaught exception
        return _report(exc)
    return 0


def run_module(module, args):
    from . import importer
    importer.install()
    sys.argv = [module] + list(args)  # run_module puts the module's file name in argv[0], as `python -m` does
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except Exception as exc:  # noqa: BLE001
        return _report(exc)
    return 0


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv or argv[0] in ("-h", "--help"):
        _write(USAGE, sys.stdout)
        return 0
    if argv[0] == "--supported":
        _write(supported_text(), sys.stdout)
        return 0
    if argv[0] == "--tf0":  # the user's word: read what only TF 0.x and TF 2 disagree on as TF 0.x did
        os.environ[tf0.ENV] = "1"
        argv = argv[1:]
        if not argv:
            _write("error: --tf0 needs a script or -m module\n" + USAGE, sys.stderr)
            return 2
    if argv[0] == "-m":
        if len(argv) < 2:
            _write("error: -m needs a module name\n" + USAGE, sys.stderr)
            return 2
        return run_module(argv[1], argv[2:])
    if argv[0].startswith("-"):
        _write("error: unknown option %s\n%s" % (argv[0], USAGE), sys.stderr)
        return 2
    if not os.path.exists(argv[0]):
        _write("error: can't open file %r: no such file\n" % argv[0], sys.stderr)
        return 2
    return run_script(argv[0], argv[1:])


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
