"""The Whoosh index of a corpus: schema, incremental build, search (returns plain dataclasses)."""

from reader.index.build import Indexer, IndexLocked
from reader.index.schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "IndexLocked", "Indexer"]
