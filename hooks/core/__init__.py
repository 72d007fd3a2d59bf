"""Plain-function core shared by the MkDocs hooks.

Nothing in this package imports MkDocs: every check is a function over text and
parsed data, so it is unit-tested directly and run by `make check` without a build.
The files in `hooks/*.py` are the thin MkDocs event adapters around it.
"""
