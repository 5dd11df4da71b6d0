"""`python -m jobgen` runs the command line."""

from .cli import run

run()
