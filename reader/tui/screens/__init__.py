"""Screens: the main reading screen (with its mixins), help, and modal pickers."""
