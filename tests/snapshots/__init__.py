"""Snapshot tests of the reading screen (pytest-textual-snapshot)."""
