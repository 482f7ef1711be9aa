"""The Textual reading screen: the only package in ``reader`` that imports textual.

Entry points live in ``reader.cli.tui_cmd``; :class:`reader.tui.app.ReaderApp` is the app.
"""
