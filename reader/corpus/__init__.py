"""Discovering and reading article files into ``Article`` objects (no Textual, no Whoosh)."""

from reader.corpus.discover import ARTICLE_SUFFIXES, discover
from reader.corpus.load import ArticleError, article_id_for, load_article, relative_path

__all__ = ["ARTICLE_SUFFIXES", "ArticleError", "article_id_for", "discover", "load_article", "relative_path"]
