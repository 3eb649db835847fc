"""spaCy components whose vocabulary is newsledger data files, configured the spaCy way.

Modelled on spaCy's SpanRuler: the factory's config names the data files (the package's own by
default, or absolute paths to other lexicons); `initialize(data=...)` reads them and compiles
them; `to_disk`/`from_disk` and `to_bytes`/`from_bytes` save and load the files' text, so
`nlp.to_disk(dir)` then `spacy.load(dir)` gives a pipeline with the same vocabulary even where
the files it was built from are gone. Each pipeline holds its own compiled vocabulary (loaded
once per pipeline), and a component that later stages read from hands it to each Doc it
processes (`DocIndex.lexicon`), so no rule reaches for a process-wide table.
"""
from __future__ import annotations

from pathlib import Path
from typing import Generic, Iterable, Mapping, Optional, TypeVar

import srsly
from spacy.tokens import Doc
from spacy.util import ensure_path

from ..resources import DataError, read_text
from .doc_index import index_of

T = TypeVar("T")


class DataComponent(Generic[T]):
    """A component compiled from named data files (`files`: role -> file name or path)."""

    def __init__(self, name: str, files: Mapping[str, str]):
        self.name = name
        self.files = dict(files)
        self._texts: Optional[dict[str, str]] = None
        self._compiled: Optional[T] = None

    def compile(self, texts: Mapping[str, str], names: Mapping[str, str]) -> T:
        """The component's vocabulary from the files' texts (`names`: the file each text came
        from, for error messages)."""
        raise NotImplementedError

    def initialize(self, get_examples=None, *, nlp=None, data: Optional[Mapping[str, str]] = None) -> None:
        """Read and compile the data files: the configured ones, or those `data` names instead
        (role -> absolute path, or a file name of the package's data)."""
        files = {**self.files, **(data or {})}
        unknown = sorted(set(files) - set(self.files))
        if unknown:
            raise ValueError(f"{self.name}: unknown data file role {unknown[0]!r} (known: {', '.join(self.files)})")
        self.files = files
        self._use({role: read_text(path) for role, path in files.items()}, files)

    @property
    def compiled(self) -> T:
        """The compiled vocabulary, read from the configured files on first use if the
        component was neither initialized nor loaded."""
        if self._compiled is None:
            self.initialize()
        assert self._compiled is not None
        return self._compiled

    def __call__(self, doc: Doc) -> Doc:
        """Hand the vocabulary to the Doc for the stages that read it."""
        index_of(doc).attach(self.compiled)
        return doc

    def _use(self, texts: Mapping[str, str], names: Mapping[str, str]) -> None:
        missing = sorted(set(self.files) - set(texts))
        if missing:
            raise DataError(f"{self.name}: no data for {missing[0]!r}")
        self._compiled = self.compile(texts, names)
        self._texts = {role: texts[role] for role in self.files}

    def _saved_texts(self) -> dict[str, str]:
        if self._texts is None:
            self.initialize()
        assert self._texts is not None
        return self._texts

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps(self._saved_texts())

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "DataComponent[T]":
        texts = srsly.msgpack_loads(data)
        self._use(texts, {role: f"{self.name}:{role}" for role in texts})
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """One file per role, named after the role with its file's suffix ("triggers.yaml")."""
        folder = ensure_path(path)
        folder.mkdir(parents=True, exist_ok=True)
        for role, text in self._saved_texts().items():
            (folder / (role + Path(self.files[role]).suffix)).write_text(text, encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "DataComponent[T]":
        folder = ensure_path(path)
        files = {role: folder / (role + Path(name).suffix) for role, name in self.files.items()}
        self._use({role: file.read_text(encoding="utf-8") for role, file in files.items()},
                  {role: str(file) for role, file in files.items()})
        return self
