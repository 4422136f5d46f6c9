"""``python -m generator``: the docschema command line."""

from generator.cli import entry

entry()
