"""Matching: the triggers of one pass over the text, the rules tried at each, and the match read by group name.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from newscorpus.extract.timex.grammar import (
    _CACHE_LIMIT,
    _CHAIN_CHARS,
    _CHAIN_NUMBER,
    _CHAIN_TOKEN,
    _DIGIT_KEYS,
    _SEPARATORS,
    _TOKEN,
    _TOKEN_CHARS,
    _Grammar,
    _unique_groups,
)

if TYPE_CHECKING:
    from newscorpus.extract.timex.context import _Context
    from newscorpus.extract.timex.tense import _Found

__all__: list[str] = []


@attrs.frozen
class _Compiled:
    pattern: re.Pattern[str]
    handlers: dict[int, _Handler]
    names: dict[str, tuple[int, ...]]


def _compile_rules(grammar: _Grammar, mask: int, *, bare: bool = False) -> _Compiled | None:
    """Compile the rules in *mask*, in order, after the shared prefix; duplicate group names get a suffix.

    *bare* rules go without the prefix of modifiers ("about", "the end of"),
    for positions whose word cannot begin one.
    """
    chosen = [(name, body) for index, (name, body) in enumerate(grammar.bodies) if mask >> index & 1]
    if not chosen:
        return None
    pre = "" if bare else grammar.pre
    source = rf"(?<![\w'])(?=[\w'])(?:{pre}(?:{'|'.join(body for _, body in chosen)}))"
    pattern = re.compile(_unique_groups(source))
    names: dict[str, list[int]] = {}
    for group, index in sorted(pattern.groupindex.items(), key=lambda item: item[1]):
        names.setdefault(group.split("__")[0], []).append(index)
    handlers = {pattern.groupindex[name]: _HANDLERS[name] for name, _ in chosen}
    return _Compiled(pattern=pattern, handlers=handlers, names={k: tuple(v) for k, v in names.items()})


def _token_mask(grammar: _Grammar, text: str, start: int) -> tuple[int, int]:
    """Return the rules whose first token fits the one at *start*, and where that token ends (-1: no token)."""
    char = text[start]
    full = (1 << len(grammar.bodies)) - 1
    if char not in _TOKEN_CHARS:
        if char != "'":
            return full, -1
        key, token, end = char, False, -1
    else:
        match = _TOKEN.match(text, start)
        end = match.end() if match is not None else start + 1
        if end < len(text) and text[end].isalnum() and not text[end].isascii():
            return full, end
        key, token = text[start:end], True
        if not key.isalpha():
            key = "D" * len(key) if key.isdigit() else key.translate(_DIGIT_KEYS)
    cache = grammar.token_masks
    mask = cache.get(key)
    if mask is None:
        mask = 0
        for index, first in enumerate(grammar.first):
            if first.accepts(key, token):
                mask |= 1 << index
        if len(cache) < _CACHE_LIMIT:
            cache[key] = mask
    return mask, end


def _rules_at(grammar: _Grammar, text: str, start: int) -> tuple[_Compiled, ...]:
    """Return the compiled rules that may match at *start*, to be tried in order.

    After a word that may begin a modifier ("the", "about", "early") every rule
    is tried at once, since the modifier may precede any of them. Otherwise the
    rules whose first token fits are tried one by one, each compiled on its own
    once and without the prefix of modifiers (which can only match nothing
    there): the first that matches is the one the pattern of all the rules picks.
    """
    token = _TOKEN.match(text, start)
    word = ""
    if token is not None:
        following = text[token.end() : token.end() + 1]
        if following.isascii() or not following.isalnum():
            word = token.group()
            known = grammar.by_token.get(word)
            if known is not None:
                return known
    mask, _ = _token_mask(grammar, text, start)
    full = (1 << len(grammar.bodies)) - 1
    if not word or word in grammar.pre_words or mask == full:
        compiled = _rules_for_mask(grammar, full)
        found: tuple[_Compiled, ...] = () if compiled is None else (compiled,)
    else:
        found = tuple(
            compiled
            for index in range(len(grammar.bodies))
            if mask >> index & 1 and (compiled := _rules_for_mask(grammar, 1 << index, bare=True)) is not None
        )
    if word and len(grammar.by_token) < _CACHE_LIMIT:
        grammar.by_token[word] = found
    return found


def _rules_for_mask(grammar: _Grammar, mask: int, *, bare: bool = False) -> _Compiled | None:
    compiled = grammar.compiled
    key = -mask if bare else mask
    if key in compiled:
        return compiled[key]
    result = _compile_rules(grammar, mask, bare=bare)
    if len(compiled) < _CACHE_LIMIT:
        compiled[key] = result
    return result


class _Match:
    """A match of a compiled set of rules, read by group name whatever suffix the name was given."""

    __slots__ = ("_names", "_spans", "string")

    def __init__(self, match: re.Match[str], names: dict[str, tuple[int, ...]]) -> None:
        self._names = names
        self._spans = match.regs
        self.string = match.string

    def _span(self, name: str) -> tuple[int, int]:
        spans = self._spans
        for index in self._names.get(name, ()):
            span = spans[index]
            if span[0] >= 0:
                return span
        return -1, -1

    def __getitem__(self, name: str) -> str | Any:
        """Return the text of group *name*, or ``None`` when it did not take part (typed like ``re.Match``)."""
        start, end = self._span(name)
        return None if start < 0 else self.string[start:end]

    def group(self, name: str) -> str | Any:
        return self[name]

    def start(self, name: str | None = None) -> int:
        return self._spans[0][0] if name is None else self._span(name)[0]

    def end(self, name: str | None = None) -> int:
        return self._spans[0][1] if name is None else self._span(name)[1]


def _chain_starts(text: str, low: int, at: int, lead: frozenset[str], tried: set[int]) -> list[int]:
    """Return the starts of the up to five lead words ("the past three") just before *at*, leftmost first.

    The walk stops at a start in *tried*: the starts beyond it were tried
    with it, from the trigger that started there or from one before it.
    """
    if at - 1 > low and text[at - 1] == " ":
        # The common case: one plain word before the trigger, and not a lead word.
        word = text[max(text.rfind(" ", low, at - 1) + 1, low) : at - 1]
        if word.isalpha() and word.isascii() and len(word) <= 40 and word not in lead:
            return []
    starts: list[int] = []
    end = at
    while len(starts) < 5:
        cut = end
        if cut > low and text[cut - 1] == "-":
            cut -= 1
        else:
            while cut > low and end - cut < 3 and text[cut - 1] in _SEPARATORS:
                cut -= 1
            if cut == end:
                break
        begin = max(text.rfind(" ", low, cut) + 1, low)
        if not _CHAIN_TOKEN.fullmatch(text, begin, cut):
            begin = cut
            while begin > low and cut - begin < 40 and text[begin - 1] in _CHAIN_CHARS:
                begin -= 1
        while True:
            word = text[begin:cut]
            if word in lead or word == "'" or _CHAIN_NUMBER.fullmatch(word):
                break
            split = min((i for i in (word.find("-"), word.find("."), word.find(",")) if i >= 0), default=-1)
            if split < 0:
                word = ""
                break
            begin += split + 1
        if not word:
            break
        before = text[begin - 1] if begin > 0 else " "
        if before == "'" or before == "_" or before.isalnum() or begin in tried:
            break
        starts.append(begin)
        end = begin
    starts.reverse()
    return starts


def _triggers(grammar: _Grammar, text: str) -> Iterator[tuple[int, int]]:
    """Yield the start and end of every trigger in the lower-cased *text*."""
    head = grammar.trigger_head.match(text) if text[:1] in _TOKEN_CHARS else None
    begin = 0
    if head is not None:
        yield 0, head.end()
        begin = head.end()
    for found in grammar.trigger.finditer(text, begin):
        yield found.start() + 1, found.end()


# ---------------------------------------------------------------------------
# Calendar helpers
# ---------------------------------------------------------------------------

_Handler = Callable[["_Match", "_Context"], "_Found | None"]

#: The handler of each rule, by the name of its group; filled by :mod:`newscorpus.extract.timex.scan`.
_HANDLERS: dict[str, _Handler] = {}
