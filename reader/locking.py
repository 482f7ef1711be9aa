"""Inter-process file locks (POSIX ``flock``), used around index writes and user-data updates."""

from __future__ import annotations

import errno
import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class LockTimeout(RuntimeError):
    """Another process held the lock for longer than we were willing to wait."""


@contextmanager
def file_lock(path: Path, timeout: float = 30.0, shared: bool = False) -> Iterator[None]:
    """Hold an exclusive (or shared) lock on ``path`` for the duration of the block.

    The lock is released by the kernel if the process dies, so a crash never leaves
    a stale lock behind.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise LockTimeout(f"{path} is locked by another reader process") from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)
