"""Pure numpy kernels (no graph machinery) used by the compat_v1 ops."""
