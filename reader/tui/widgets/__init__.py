"""Widgets of the reading screen; each module holds one widget."""
