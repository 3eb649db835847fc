"""Where an export goes: standard output, a file, or (for partitioned formats) a folder.

A file or folder is written under a hidden temporary name beside it (`.NAME.*.part`) and renamed
onto its name only once everything was written: an export that fails part-way (a full disk, a
bad row, an interrupt) leaves no partial output, and a file already there as it was.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator, Optional


class ExportError(Exception):
    """A problem the user can fix (an unwritable path, an option the format lacks); one line."""


class Output:
    """A destination named by the user: None or '-' is standard output, anything else a path."""

    def __init__(self, path: Optional[str] = None) -> None:
        self.path = None if path in (None, "-") else Path(path)

    @property
    def name(self) -> str:
        return "standard output" if self.path is None else str(self.path)

    @contextmanager
    def text(self) -> Iterator[IO[str]]:
        """A text stream in UTF-8 with '\\n' line ends (CSV needs newline='' to keep them)."""
        if self.path is None:
            yield sys.stdout
            sys.stdout.flush()
            return
        with self._replacing("w", encoding="utf-8", newline="") as fh:
            yield fh

    @contextmanager
    def binary(self) -> Iterator[IO[bytes]]:
        if self.path is None and sys.stdout.isatty():
            raise ExportError("this format is binary: give a file with -o FILE or redirect the output")
        if self.path is None:
            yield sys.stdout.buffer
            sys.stdout.buffer.flush()
            return
        with self._replacing("wb") as fh:
            yield fh

    @contextmanager
    def folder(self) -> Iterator[Path]:
        """A folder to write a partitioned data set into; it takes the path's name when complete
        (the path must be new or an empty folder)."""
        path = self.path
        if path is None:
            raise ExportError("a partitioned export writes a folder: give it with -o DIR")
        if path.exists() and (not path.is_dir() or any(path.iterdir())):
            raise ExportError(f"{path}: exists and is not an empty folder; a partitioned "
                              f"export writes into a new or empty folder")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent))
        except OSError as exc:
            raise ExportError(f"{path}: cannot create the folder ({exc.strerror or exc})") from None
        try:
            yield temporary
            os.chmod(temporary, 0o777 & ~_umask())
            os.replace(temporary, path)  # onto an empty folder too
        except BaseException as exc:
            shutil.rmtree(temporary, ignore_errors=True)
            if isinstance(exc, OSError):
                raise ExportError(f"{path}: cannot write ({exc.strerror or exc})") from None
            raise

    @contextmanager
    def _replacing(self, mode: str, **kwargs) -> Iterator[IO]:
        """A temporary file beside the path, renamed onto it when the writing went through."""
        path = self.path
        assert path is not None
        if path.is_dir():
            raise ExportError(f"{path}: is a folder; give a file name")
        try:
            handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        except OSError as exc:
            raise ExportError(f"{path}: cannot write ({exc.strerror or exc})") from None
        try:
            with os.fdopen(handle, mode, **kwargs) as fh:
                yield fh
            os.chmod(temporary, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
            os.replace(temporary, path)
        except BaseException as exc:
            Path(temporary).unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise ExportError(f"{path}: cannot write ({exc.strerror or exc})") from None
            raise


def _umask() -> int:
    """The process's umask, for the mode a plainly opened file would have had."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
