"""jobgen's version, in a module of its own: the manifest, the template cache and
`--version` read it without importing the public API in `jobgen/__init__.py`."""

__version__ = "0.1.0"
