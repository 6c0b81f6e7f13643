"""Store files unchanged under their SHA-256 and open them again."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.errors import TooLarge, formatted
from core.models import StoredFile
from core.sniff import sniff

CHUNK = 1024 * 1024
HEAD = 64 * 1024


def storage_root() -> Path:
    """Directory that holds stored originals."""
    root = Path(settings.MEDIA_ROOT) / "originals"
    root.mkdir(parents=True, exist_ok=True)
    return root


def path_of(stored: StoredFile) -> Path:
    """Filesystem path of a stored file."""
    return storage_root() / stored.relative_path


def store_stream(stream, *, max_bytes: int | None = None) -> tuple[StoredFile, str]:
    """Copy a binary stream into storage; returns the record and the sniffed content kind.

    The stream is read in chunks into a temporary file while hashing, so size is bounded on
    disk, never in memory; an existing file with the same hash is kept and never rewritten.
    """
    limit = settings.MAX_UPLOAD_BYTES if max_bytes is None else max_bytes
    root = storage_root()
    digest = hashlib.sha256()
    size = 0
    head = b""
    fd, tmp_name = tempfile.mkstemp(dir=root, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as tmp:
            while True:
                chunk = stream.read(CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    raise TooLarge(formatted(_("ファイルが大きすぎます（上限 %(mb)d MB）"),
                                             mb=limit // (1024 * 1024)))
                if len(head) < HEAD:
                    head += chunk[: HEAD - len(head)]
                digest.update(chunk)
                tmp.write(chunk)
        sha = digest.hexdigest()
        kind = sniff(head, full=tmp_name)
        stored, _created = StoredFile.objects.get_or_create(
            sha256=sha, defaults={"size": size, "media_type": kind}
        )
        final = path_of(stored)
        if final.exists():
            os.unlink(tmp_name)
        else:
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp_name, final)
            os.chmod(final, 0o444)
        return stored, kind
    except BaseException:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
        raise


def store_bytes(data: bytes) -> tuple[StoredFile, str]:
    """Store an in-memory payload (used by demo data and tests)."""
    import io

    return store_stream(io.BytesIO(data))


def open_stored(stored: StoredFile):
    """Open a stored file for reading (binary)."""
    return path_of(stored).open("rb")
