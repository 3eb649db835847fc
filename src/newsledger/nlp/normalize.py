"""Offset-preserving clean-up: the model sees tidier characters, offsets stay valid.

Every replacement maps one code point to one code point, so a character offset in the
normalized text is the same offset in the original analyzed text.
"""
_SAME_LENGTH = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
    "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-",
    "\t": " ",
})


def normalize(text: str) -> str:
    normalized = text.translate(_SAME_LENGTH)
    assert len(normalized) == len(text)
    return normalized
