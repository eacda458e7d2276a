"""Files replaced whole: written beside their destination, then moved over it in one rename,
so a reader sees the old file or the new one, never half of one, and a failed write leaves
the old file as it was."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(dest: Path) -> Iterator[Path]:
    """A temporary path in ``dest``'s folder (created if missing) to write; when the block
    ends without error it is synced to disk, made readable like any output (0644) and
    renamed over ``dest``; otherwise it is removed."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)  # mkstemp's 0600 is for the temporary file only
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes(dest: Path, data: bytes) -> None:
    """Replace ``dest`` with ``data``."""
    with replacing(dest) as tmp:
        tmp.write_bytes(data)
