"""The build lock: one writer per graph folder, released by the kernel when its holder dies.

``OUT/.kg.lock`` is locked with ``flock``. A lock belongs to the open file description, so
it lasts while any process holds a descriptor of it: the descriptor is close-on-exec
(spawned workers never see it) and closed in every forked child at the fork (a ``--workers``
process that outlived its parent must not keep the graph locked). Nothing else can hold
it after the build process ends, however it ends.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import GraphError

LOCK = ".kg.lock"

#: Descriptors of the build locks this process holds: a forked child closes them at once
#: (see ``_close_locks_in_child``).
_HELD_LOCKS: set[int] = set()


def _close_locks_in_child() -> None:
    """In a forked child (a ``--workers`` process), close the inherited lock descriptors.

    A ``flock`` belongs to the open file description, which a fork shares: a worker that
    kept the descriptor would hold the graph's lock after its parent died. Closing (never
    unlocking) the child's copy leaves the parent's lock as it is.
    """
    for fd in list(_HELD_LOCKS):
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD_LOCKS.clear()


os.register_at_fork(after_in_child=_close_locks_in_child)


@contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """One writer per output folder: a second build fails fast instead of waiting.

    The lock is a ``flock`` on ``OUT/.kg.lock``, which the kernel releases when the process
    holding it ends, however it ends; the descriptor is close-on-exec and closed in forked
    children, so no worker can keep it. The file names the holder's PID, for the error.
    """
    fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            owner = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            who = f" (pid {owner})" if owner.isdigit() else ""
            raise GraphError(f"another kg build is writing this graph{who}", out) from exc
        _HELD_LOCKS.add(fd)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield
        finally:
            _HELD_LOCKS.discard(fd)
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
