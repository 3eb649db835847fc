"""Custom attributes our components leave on the Doc for later stages to read."""
from spacy.tokens import Doc

for _name, _default in (
    ("source_text", None),  # the analyzed text as given (the Doc holds its normalized twin)
    ("published", None),   # datetime.date of publication, set before the pipeline runs
    ("dates", None),       # list[ledger.DateMention]
    ("quantities", None),  # list[ledger.Quantity]
    ("datelines", None),   # list[(first token, dash token)] of wire datelines, dash included
    ("headlines", None),   # list[(start, end)] token ranges of headline and crosshead lines
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def original(doc: Doc, start: int, end: int) -> str:
    """The article's own words at these offsets (curly quotes and NBSP intact)."""
    source = doc._.source_text
    return (source if source is not None else doc.text)[start:end]
