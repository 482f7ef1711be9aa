"""reader: a terminal news reader that knows who and where each article is about."""

__version__ = "0.1.0"
