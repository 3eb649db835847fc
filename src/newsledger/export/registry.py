"""The registry of output formats: each format is one module that registers its writer.

Built-in formats are the modules of `newsledger.export.formats`, found by listing that package, so
adding a format is adding a module there. Other packages add formats without touching newsledger
by naming a module in the `newsledger.exports` entry-point group (as Datasette and pandas load
their plug-ins); importing that module registers its writer the same way.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import entry_points
from typing import Callable, Iterable, Optional

from ..ledger import Ledger
from .output import ExportError, Output

ENTRY_POINT_GROUP = "newsledger.exports"

IncidentOf = Callable[[str, str], Optional[str]]
"""(article id, event id) -> the id of the incident the event belongs to, or None."""


def no_incidents(article_id: str, event_id: str) -> Optional[str]:
    """The incident hook until incidents are grouped: every event stands alone."""
    return None


@dataclass(frozen=True)
class ExportOptions:
    incident_of: IncidentOf = no_incidents
    batch: bool = True                   # many ledgers (a store, a JSONL batch) rather than one article
    partition_by: tuple[str, ...] = ()   # columns that split a folder export into sub-folders


Writer = Callable[[Iterable[Ledger], Output, ExportOptions], int]
"""Writes the ledgers (streamed, read once) and returns how many records it wrote."""


@dataclass(frozen=True)
class Format:
    name: str
    summary: str
    write: Writer
    one_article: bool = False            # covers a single ledger (the HTML report)
    partitions: tuple[str, ...] = ()     # the columns it can partition a folder by
    records: str = "events"              # what its count counts, for the closing summary


_FORMATS: dict[str, Format] = {}


def register(name: str, summary: str, *, one_article: bool = False,
             partitions: tuple[str, ...] = (), records: str = "events") -> Callable[[Writer], Writer]:
    """Decorator: make `write` the writer of output format `name`."""
    def decorate(write: Writer) -> Writer:
        known = _FORMATS.get(name)
        if known is not None and known.write is not write:
            raise ValueError(f"output format {name!r} is registered twice "
                             f"({known.write.__module__} and {write.__module__})")
        _FORMATS[name] = Format(name, summary, write, one_article, partitions, records)
        return write
    return decorate


@lru_cache(maxsize=None)
def _discover() -> None:
    builtin = importlib.import_module(f"{__package__}.formats")
    for module in pkgutil.iter_modules(builtin.__path__):
        importlib.import_module(f"{builtin.__name__}.{module.name}")
    for plugin in entry_points(group=ENTRY_POINT_GROUP):
        try:
            plugin.load()
        except Exception as exc:  # a broken plug-in is named, not a traceback
            raise ExportError(f"output format plug-in {plugin.name} ({plugin.value}) failed to "
                              f"load: {type(exc).__name__}: {exc}") from None


def all_formats() -> dict[str, Format]:
    """Every output format, by name, in name order."""
    _discover()
    return dict(sorted(_FORMATS.items()))


def get_format(name: str) -> Format:
    try:
        return all_formats()[name]
    except KeyError:
        raise ExportError(f"no output format {name!r} (known: {', '.join(all_formats())})") from None


def export(name: str, ledgers: Iterable[Ledger], output: Output,
           options: ExportOptions = ExportOptions()) -> int:
    """Write `ledgers` to `output` in format `name`; returns the number of records written."""
    chosen = get_format(name)
    unknown = [column for column in options.partition_by if column not in chosen.partitions]
    if unknown:
        can = (f"it partitions by {', '.join(chosen.partitions)}" if chosen.partitions
               else "it writes one file")
        raise ExportError(f"the {name} format cannot partition by {', '.join(unknown)} ({can})")
    return chosen.write(ledgers, output, options)
