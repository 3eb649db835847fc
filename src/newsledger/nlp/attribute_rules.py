"""The model's attribute rules (tag -> POS and morphology, word exceptions), applied by lookup.

spaCy's AttributeRuler finds its ~180 rules with a Matcher that tries every rule at every token,
which costs about a tenth of the whole English pipeline; almost all rules are one or two tokens
with plain values ({"TAG": "NNS"}, {"LOWER": "it", "DEP": "nsubj"}). This subclass keeps the
rules, their order, their serialisation and their results, but finds the matches through tables
keyed by each rule's first-token value, then sets the attributes once per token. A rule it cannot
read (an operator such as "OP", an attribute outside SIMPLE_ATTRS) sends the whole Doc back to the
Matcher, so the results never differ from the stock component's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from spacy.attrs import DEP, IDS, IS_PUNCT, IS_SPACE, LEMMA, LOWER, NORM, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

from .generations import Generations

# Token attributes a rule may test here, read for a whole Doc with Doc.to_array.
SIMPLE_ATTRS: tuple[int, ...] = (ORTH, LOWER, NORM, TAG, POS, DEP, LEMMA, IS_SPACE, IS_PUNCT)
INDEXED_ATTRS: tuple[int, ...] = (TAG, LOWER, ORTH, DEP, IS_SPACE)  # first-token values that select rules
_ALIASES = {"TEXT": "ORTH"}

Test = Callable[[int], bool]  # one token attribute's value (a string hash or flag) -> holds


@dataclass
class _Rule:
    """One pattern of one attribute rule: per token of the pattern, (column, test) pairs."""
    number: int  # the rule's position: later rules override earlier ones
    tokens: list[list[tuple[int, Test]]]

    def opens(self, row: list[int]) -> bool:
        """Whether the first token's tests hold on this row (they read nothing else)."""
        return all(test(row[column]) for column, test in self.tokens[0])

    def holds_after(self, rows: list[list[int]], start: int) -> bool:
        """Whether the tokens after the first hold, given that the first does (`opens`)."""
        return start + len(self.tokens) <= len(rows) and all(
            test(rows[start + k][column]) for k in range(1, len(self.tokens)) for column, test in self.tokens[k])


@dataclass
class _Index:
    """Rules by the first-token value that selects them (column, value), and those without one."""
    by_value: dict[tuple[int, int], list[_Rule]] = field(default_factory=dict)
    unindexed: list[_Rule] = field(default_factory=list)

    def candidates(self, row: list[int]) -> list[_Rule]:
        found = list(self.unindexed)
        for column, value in enumerate(row):
            found += self.by_value.get((column, value), ())
        return found


# What a token's row decides: the one-token rules that hold, the longer rules its first token opens.
_RowRules = tuple[list[int], list[_Rule]]


@dataclass
class _Tables:
    """The rules of one ruler, one-token rules apart. A token's row of values decides which
    one-token rules hold and which longer rules its first token opens; both are remembered per
    row (news text repeats them: "the", "said", ","), in a bounded memo, so that the rows of names
    met once (a news stream brings new ones with every article) do not pile up in a long-running
    worker."""
    columns: list[int | str]  # the attributes the rules read, in the order of a row's values
    single: _Index = field(default_factory=_Index)
    longer: _Index = field(default_factory=_Index)
    seen: Generations[tuple[int, ...], _RowRules] = field(default_factory=lambda: Generations(SEEN_BOUND))

    def rules_at(self, rows: list[list[int]], start: int) -> _RowRules:
        """The numbers of the one-token rules that hold at `start`, and the longer rules whose
        first token holds there (the tokens after it still to be tested)."""
        key = tuple(rows[start])
        found = self.seen.newer.get(key)
        if found is None:
            found = self.seen.get(key, self._row_rules)
        return found

    def _row_rules(self, row: tuple[int, ...]) -> _RowRules:
        values = list(row)
        return ([rule.number for rule in self.single.candidates(values) if rule.opens(values)],
                [rule for rule in self.longer.candidates(values) if rule.opens(values)])


SEEN_BOUND = 1 << 13


class IndexedAttributeRuler(AttributeRuler):
    """AttributeRuler with the same rules and results, matched by table lookup (see module doc)."""

    _tables: Optional[_Tables] = None
    _tables_for: tuple[int, int] = (0, 0)

    def match(self, doc: Doc) -> list[Any]:
        tables = self._compiled()
        if tables is None:
            return super().match(doc)
        rows = doc.to_array(tables.columns).tolist() if len(doc) else []
        found = []
        for start in range(len(rows)):
            numbers, opened = tables.rules_at(rows, start)
            found += [(number, start, start + 1) for number in numbers]
            if opened:
                found += [(rule.number, start, start + len(rule.tokens)) for rule in opened
                          if rule.holds_after(rows, start)]
        # The stock component's order: by rule, then by position, so later rules win.
        return [(number, None, start, end) for number, start, end in sorted(set(found))]

    def set_annotations(self, doc: Doc, matches: list[tuple[int, Any, int, int]]) -> None:
        if self._compiled() is None:
            super().set_annotations(doc, matches)
            return
        merged: dict[int, dict[Any, Any]] = {}
        for number, _, start, end in matches:
            index = self.indices[number]
            target = (start if index >= 0 else end) + index
            if not start <= target < end:
                super().set_annotations(doc, [(number, self.vocab.strings[str(number)], start, end)])
            merged.setdefault(target, {}).update(self.attrs[number])
        for target, attrs in merged.items():
            set_token_attrs(doc[target], attrs)

    def _compiled(self) -> Optional[_Tables]:
        """The lookup tables of the current rules, rebuilt when rules were added or cleared;
        None when a rule needs the Matcher."""
        state = (id(self.matcher), len(self.attrs))
        if state != self._tables_for:
            self._tables, self._tables_for = _compile(self), state
        return self._tables


def _compile(ruler: AttributeRuler) -> Optional[_Tables]:
    if any("_" in attrs for attrs in ruler.attrs):
        return None  # extension attributes: left to the stock code
    patterns = [(number, pattern) for number in range(len(ruler.attrs))
                for pattern in ruler.matcher.get(str(number))[1]]
    used = {_attr_id(name) for _, pattern in patterns for spec in pattern for name in spec}
    if not used <= set(SIMPLE_ATTRS):
        return None
    tables = _Tables([attr for attr in SIMPLE_ATTRS if attr in used])
    for number, pattern in patterns:
        tokens = [_token_tests(spec, ruler.vocab.strings, tables.columns) for spec in pattern]
        if not tokens or any(spec is None for spec in tokens):
            return None
        rule = _Rule(number, [spec for spec in tokens if spec is not None])
        index = tables.single if len(rule.tokens) == 1 else tables.longer
        key = _index_key(pattern[0])
        if key is None:
            index.unindexed.append(rule)
            continue
        for value in key[1]:
            index.by_value.setdefault((tables.columns.index(key[0]), value), []).append(rule)
    return tables


def _attr_id(name: Any) -> Optional[int]:
    return IDS.get(_ALIASES.get(name.upper(), name.upper())) if isinstance(name, str) else name


def _token_tests(spec: dict[str, Any], strings: StringStore, columns: list[int | str]) -> Optional[list[tuple[int, Test]]]:
    """The tests of one token pattern, each on a column of the rows; None if one is not simple."""
    tests = []
    for name, value in spec.items():
        test = _test(value, strings)
        if test is None:
            return None
        tests.append((columns.index(_attr_id(name)), test))  # type: ignore[arg-type]
    return tests


def _test(value: Any, strings: StringStore) -> Optional[Test]:
    """A value test as the Matcher reads it: a plain value, or a dict of IN / NOT_IN / REGEX."""
    if isinstance(value, (str, bool, int)):
        wanted = _value_id(value)
        return lambda got: got == wanted
    if not isinstance(value, dict) or not value or not set(value) <= {"IN", "NOT_IN", "REGEX"}:
        return None
    if any(not isinstance(v, list) or not all(isinstance(x, str) for x in v)
           for key, v in value.items() if key != "REGEX") or not isinstance(value.get("REGEX", ""), str):
        return None
    inside = {get_string_id(v) for v in value.get("IN", ())} if "IN" in value else None
    outside = {get_string_id(v) for v in value.get("NOT_IN", ())}
    regex = re.compile(value["REGEX"]) if "REGEX" in value else None
    return lambda got: ((inside is None or got in inside) and got not in outside
                        and (regex is None or bool(regex.search(strings[got]))))


def _value_id(value: str | bool | int) -> int:
    if isinstance(value, bool):
        return int(value)
    return get_string_id(value) if isinstance(value, str) else value


def _index_key(spec: dict[str, Any]) -> Optional[tuple[int, list[int]]]:
    """The first-token attribute and values that select a rule, when it has one we index on."""
    for attr in INDEXED_ATTRS:
        for name, value in spec.items():
            if _attr_id(name) != attr:
                continue
            if isinstance(value, (str, bool)):
                return attr, [_value_id(value)]
            if isinstance(value, dict) and set(value) == {"IN"}:
                return attr, [get_string_id(v) for v in value["IN"]]
    return None


@Language.factory("newsledger_attribute_ruler", default_config={"validate": False})
def make_attribute_ruler(nlp: Language, name: str, validate: bool) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name, validate=validate)


def index_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> None:
    """Put the indexed ruler in place of the model's stock one, with the same rules."""
    stock = nlp.get_pipe(name) if name in nlp.pipe_names else None
    if type(stock) is not AttributeRuler:
        return
    patterns = stock.patterns
    ruler = nlp.replace_pipe(name, "newsledger_attribute_ruler")
    assert isinstance(ruler, IndexedAttributeRuler)
    ruler.add_patterns(patterns)
