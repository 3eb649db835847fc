"""Output formats: a ledger (or a stream of them) written for the tools people already use.

`export(name, ledgers, Output(path), ExportOptions(...))` writes one of the registered formats;
`all_formats()` lists them. Every writer streams: it reads the ledgers once, in order, and never holds
more than a batch of rows, so a whole store can be exported. Nothing here loads spaCy.
"""
from .output import ExportError, Output
from .registry import (ENTRY_POINT_GROUP, ExportOptions, Format, IncidentOf, all_formats, export,
                       get_format, no_incidents, register)

__all__ = ["ENTRY_POINT_GROUP", "ExportError", "ExportOptions", "Format", "IncidentOf", "Output",
           "all_formats", "export", "get_format", "no_incidents", "register"]
