"""Where an export goes: standard output, a file, or (for partitioned formats) a folder."""
from __future__ import annotations

import sys
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
        with self._open("w", encoding="utf-8", newline="") as fh:
            yield fh

    @contextmanager
    def binary(self) -> Iterator[IO[bytes]]:
        if self.path is None and sys.stdout.isatty():
            raise ExportError("this format is binary: give a file with -o FILE or redirect the output")
        if self.path is None:
            yield sys.stdout.buffer
            sys.stdout.buffer.flush()
            return
        with self._open("wb") as fh:
            yield fh

    def folder(self) -> Path:
        """An empty folder to write a partitioned data set into (made if it does not exist)."""
        if self.path is None:
            raise ExportError("a partitioned export writes a folder: give it with -o DIR")
        if self.path.exists() and (not self.path.is_dir() or any(self.path.iterdir())):
            raise ExportError(f"{self.path}: exists and is not an empty folder; a partitioned "
                              f"export writes into a new or empty folder")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ExportError(f"{self.path}: cannot create the folder ({exc.strerror or exc})") from None
        return self.path

    def _open(self, mode: str, **kwargs) -> IO:
        try:
            return open(self.path, mode, **kwargs)  # type: ignore[arg-type]
        except OSError as exc:
            raise ExportError(f"{self.path}: cannot write ({exc.strerror or exc})") from None
