"""Tense: the clause around an expression and the cues that decide whether it points back or forward.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import bisect
import re

import attrs

from newscorpus.extract.timex.grammar import _Grammar
from newscorpus.types import TimexType

__all__: list[str] = []

_CLAUSE_BREAK = re.compile(r"[!?;:\n]|\.(?!\d)|\s[\u2014\u2013-]{1,2}\s")
_WINDOW = 160


def _clause(text: str, start: int, end: int, bounds: tuple[int, int] | None) -> tuple[int, int]:
    lo = max(0, start - _WINDOW)
    hi = min(len(text), end + _WINDOW)
    if bounds is not None:
        lo, hi = max(lo, bounds[0]), min(hi, bounds[1])
    left = lo
    for brk in _CLAUSE_BREAK.finditer(text, lo, start):
        if brk.group() == "." and brk.start() > 0 and text[brk.start() - 1 : brk.start()].isupper():
            continue
        left = brk.end()
    following = _CLAUSE_BREAK.search(text, end, hi)
    return left, hi if following is None else following.start()


_LEAD_IN = re.compile(
    r"(?:(?P<up>\bup[\x20\t\u00a0]{1,3})?\b(?:until|till|through|(?P<by>by)|as[\x20\t\u00a0]{1,3}soon[\x20\t\u00a0]{1,3}as"
    r"|no[\x20\t\u00a0]{1,3}later[\x20\t\u00a0]{1,3}than)|\bdeadline[\x20\t\u00a0]{1,3}(?:of|on)"
    r"|(?P<due>\b(?:effective|payable|due))(?:[\x20\t\u00a0]{1,3}(?:on|by|in|from|as[\x20\t\u00a0]{1,3}of))?"
    r"|(?P<since>\bsince(?:[\x20\t\u00a0]{1,3}(?:(?:shortly|just|soon|right|long)[\x20\t\u00a0]{1,3})?(?:after|before))?)"
    r"|(?P<is>(?<![\w'])(?:is|are)(?:[\x20\t\u00a0]{1,3}(?:on|for|set[\x20\t\u00a0]{1,3}for|due[\x20\t\u00a0]{1,3}on))?))"
    r"[\x20\t\u00a0]{1,3}(?:(?:next|this|the)[\x20\t\u00a0]{1,3})?\Z"
)
#: A word that opens a subordinate clause, whose verbs do not give the tense of what comes before it.
_SUBORDINATE = re.compile(r"(?<![\w'])(?:that|which|who|whom|whose|because|although|though|if|unless|whether)(?![\w'])")
#: An infinitive: what a plan or an agreement aims at (not "used to", "had to": a past habit or need).
_INFINITIVE = re.compile(
    r"(?<![\w'])(?<!used )(?<!had )(?<!has )(?<!have )(?<!Used )(?<!Had )"
    r"to[\x20\t\u00a0]{1,3}(?!the\b|a\b|an\b|be\b)[a-z]{2,20}\b(?!-)"
)
_REPORTING = frozenset({"said", "told", "added", "reported", "announced", "stated", "explained", "noted", "wrote"})
_PASSIVE_AUXILIARIES = frozenset(
    {"be", "being", "is", "are", "am", "'s", "to"}
    # linking verbs before a participle that tells a state: "will stay closed until Tuesday"
    | {"stay", "stays", "remain", "remains", "become", "becomes", "seem", "seems", "get", "gets", "keep", "keeps"}
)
_MODALS = frozenset({"will", "would", "must", "should", "could", "may", "might", "shall"})
_REPORTING_WEIGHT = 2.5
_HAVE = re.compile(r"[\x20\t\u00a0]{1,3}have\b")
_CLAUSE_COMMA = re.compile(r"[,\"\u201d]")
# Words after which a word in -ed is an adjective, not a verb: "a still unspecified date", "very satisfied".
_BEFORE_ADJECTIVE = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "very", "still", "so"}
    | {"too", "more", "most", "less", "least", "fully", "highly", "well", "newly", "long", "widely", "much"}
)
_NOT_PRESENT = _MODALS | {"to", "did", "didn't", "not", "never", "won't", "'ll", "can", "can't", "cannot", "couldn't"}


class _CueIndex:
    """The tense cues of a whole text, found once, and those of a window read from them.

    A scan of the window alone finds the same cues as the scan of the whole
    text wherever both try the same positions: away from the window's ends
    (no cue is longer than its margin, in characters). Only the stretch
    where they may differ, at the start when a cue of the whole text crosses
    it and within the margin of the end, is scanned again.
    """

    __slots__ = ("ends", "found", "margin", "pattern", "starts", "text")

    def __init__(self, grammar: _Grammar, lowered: str) -> None:
        pattern = grammar.tense_pattern
        cues = grammar.past_cues | grammar.future_cues | grammar.present_cues
        # A phrase's spaces may be up to three characters each; a word in -ed has up to 22.
        self.margin = max([22, *(len(cue) + 2 * cue.count(" ") for cue in cues)]) + 8
        self.pattern = pattern
        self.text = lowered
        self.found = list(pattern.finditer(lowered))
        self.starts = [cue.start() for cue in self.found]
        self.ends = [cue.end() for cue in self.found]

    def between(self, left: int, right: int) -> list[re.Match[str]]:
        """Return what ``pattern.finditer(text, left, right)`` would find."""
        starts, ends, found = self.starts, self.ends, self.found
        cut = right - self.margin
        index = bisect.bisect_left(starts, left)
        cues: list[re.Match[str]] = []
        resume = left
        if index > 0 and ends[index - 1] > left:
            # A cue of the whole text crosses the start: scan until both scans meet on one cue.
            for cue in self.pattern.finditer(self.text, left, right):
                cues.append(cue)
                at = bisect.bisect_left(starts, cue.start())
                if cue.end() <= cut and at < len(starts) and (starts[at], ends[at]) == cue.span():
                    index, resume = at + 1, cue.end()
                    break
            else:
                return cues
        last = bisect.bisect_right(ends, cut, index)
        if last > index:
            cues.extend(found[index:last])
            resume = ends[last - 1]
        # Both scans fail alike at every position before the cut that no cue covers.
        again = max(resume, min(cut, starts[last]) if last < len(starts) else cut)
        cues.extend(self.pattern.finditer(self.text, again, right))
        return cues


def _window_cues(
    grammar: _Grammar, lowered: str, left: int, right: int, index: _CueIndex | None
) -> list[re.Match[str]]:
    """Return the tense cues in ``lowered[left:right]``, from *index* if there is one."""
    if index is not None:
        return index.between(left, right)
    return list(grammar.tense_pattern.finditer(lowered, left, right))


def _tense(
    grammar: _Grammar,
    text: str,
    lowered: str,
    start: int,
    end: int,
    bounds: tuple[int, int] | None,
    index: _CueIndex | None,
) -> tuple[str | None, float]:
    """Return ``"past"``, ``"future"``, ``"present"`` or ``None`` for the clause around ``text[start:end]``.

    The second item is how far the deciding cue is (0 for a word just before the expression).

    The nearest tense cue wins: a verb in ``-ed`` or a cue word of the
    vocabulary (*will*, *said*, *meets*, ...). A participle after *be* is
    passive (*will be paid*) and gives no tense; a future cue after *had*
    (*had been due to*) is past; reporting verbs (*said*) count less than
    the verb of the reported clause; *since* just before the expression
    makes it past, *is on* or *are* present, and *until* or *by* future
    unless the clause is in the past.
    """
    left, right = _clause(text, start, end, bounds)
    lead = _LEAD_IN.search(lowered, max(left, start - 24), start)
    if lead is not None:
        if lead["since"]:
            return "since", 0.0
        if lead["is"]:
            return "present", 0.0
        if lead["due"]:
            return "future", 0.0
    deadline = lead is not None and not lead["up"]
    cues = _window_cues(grammar, lowered, left, right, index)
    # Only the first verb after the expression counts: later ones belong to other clauses.
    after: tuple[float, str] | None = None
    for cue in cues:
        if cue.end() <= start or start <= cue.start() < end:
            continue
        if _SUBORDINATE.search(lowered, end, cue.start()):
            # "said on Thursday that he would resign": the verb after "that" is another clause's
            break
        after = _cue_weight(grammar, text, lowered, cue, left, start, end)
        if after is not None:
            break
    # The nearest verb before it wins (the leftmost of equals); one farther than 1/0.7 times the
    # best distance so far cannot win, since no weight is below 0.7.
    before_best: tuple[float, str] | None = None
    before_end = left
    for cue in reversed(cues):
        if cue.end() > start:
            continue
        if before_best is not None and 0.7 * (start - cue.end()) > before_best[0]:
            break
        weighed = _cue_weight(grammar, text, lowered, cue, left, start, end)
        if weighed is not None and (before_best is None or weighed[0] <= before_best[0]):
            before_best = weighed
            before_end = cue.end()
    best = before_best
    if after is not None and (best is None or after[0] < best[0]):
        best = after
    if deadline:
        # "until" and "by" attach to the verb before them, if any: only that verb can make the clause past.
        governing = before_best or best
        if governing is not None and governing[1] in ("past", "reported"):
            if before_best is not None and _INFINITIVE.search(text, before_end, start):
                # "the plan, agreed last year, to repay the loan by March": the aim of the plan lies ahead
                return "future", 0.0
            return "past", governing[0]
        return "future", 0.0
    # A reporting verb dates the report, not what is reported: the caller's default applies.
    if best is None or best[1] == "reported":
        return None, 0.0
    return best[1], best[0]


def _cue_weight(
    grammar: _Grammar, text: str, lowered: str, cue: re.Match[str], left: int, start: int, end: int
) -> tuple[float, str] | None:
    """Return the distance (weighted) and the tense of a tense *cue* near ``text[start:end]``, or ``None``."""
    word = " ".join(cue.group().split())
    before = lowered[max(left, cue.start() - 28) : cue.start()].split()[-4:]
    previous = before[-1] if before else ""
    if cue["ed"] or word in grammar.past_cues:
        if previous in _PASSIVE_AUXILIARIES:
            return None
        if cue["ed"] and (previous in _BEFORE_ADJECTIVE or _proper_noun(text, cue.start())):
            return None
        tense = "past"
    elif word in grammar.future_cues:
        tense = "future"
        # "would have", "had been due to expire": a future seen from the past
        if "had" in before or (word in _MODALS and _HAVE.match(lowered, cue.end())):
            tense = "past"
    elif word in grammar.present_cues:
        if previous in _NOT_PRESENT:
            return None
        tense = "present"
    else:
        return None
    if cue.end() <= start:
        distance = float(start - cue.end())
    else:
        distance = 1.5 * (cue.start() - end)
        if _CLAUSE_COMMA.search(text, end, cue.start()):
            distance *= 2
    if tense == "future":
        distance *= 0.7
    if word in _REPORTING:
        distance *= _REPORTING_WEIGHT
        tense = "reported"
    return distance, tense


def _proper_noun(text: str, start: int) -> bool:
    """Tell whether the word at *start* is capitalised inside a sentence ("United States")."""
    return text[start : start + 1].isupper() and not _sentence_start(text, start)


# ---------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------


@attrs.define
class _Found:
    start: int
    end: int
    type: TimexType
    value: str
    mod: str | None = None
    derived: bool = False
    follow: _Found | None = None
    #: A clock time whose day is the reference date only because none was written with it.
    undated: bool = False


def _sentence_start(text: str, start: int) -> bool:
    chunk = text[max(0, start - 6) : start].rstrip(" \t\u00a0\"'\u201c\u2018(")
    return not chunk or chunk[-1] in ".!?\n:;"
