"""Paragraphs and sentences of news text, with character offsets.

>>> from newscorpus.text import sentences
>>> [s.text for s in sentences("Mr. Smith arrived at 9 a.m. on Jan. 5. He said “No.” Then he left.")]
['Mr. Smith arrived at 9 a.m. on Jan. 5.', 'He said “No.”', 'Then he left.']

Offsets are into :attr:`Article.text <newscorpus.types.Article.text>` (or the
string given), so ``text[s.start:s.end] == s.text`` for every sentence.

Paragraphs
----------
Scraped news separates paragraphs by blank lines, and often by single line
breaks too (a headline on its own line, then the body). So every line break
ends a paragraph, except a single line break followed by a line that opens
with a lower-case letter: that line continues the one before it (a hard-wrapped
line). A blank line (empty, or whitespace only) always ends a paragraph. A
headline-like line (no final punctuation) followed by a capitalised line is
therefore a paragraph, and a sentence, of its own.

Sentences
---------
A sentence never crosses a paragraph break. Inside a paragraph, one regular
expression finds the candidate ends: runs of ``. ! ? … 。 ！ ？ ।`` with the
closing quotes and brackets that follow them. Each candidate is decided by
looking at the token before it and the characters after it:

* ``。 ！ ？ ｡ । ॥ ۔ ።`` always end a sentence.
* Followed by whitespace: a lower-case word never starts a new sentence.
  ``?`` and ``!`` end a sentence before anything else; an ellipsis ends one only
  before a capital letter. A period ends one unless the token before it is an
  abbreviation: titles and ``e.g.`` never end a sentence, ``No.`` and
  ``Sept.`` do not before a number, and ``Inc.``, ``U.S.``, ``a.m.`` and
  single-letter initials end one only before a usual sentence opener such as
  ``The`` or ``He``. A period after a bare 1-3 digit number opening the
  sentence (a list number) does not end it, nor one after a bare 1-3 digit
  number before another such number and its period (``1. 2. 3.`` is one
  list), and neither does a mark followed by another one (``Stop. . . .``).
* Glued to the next word (no whitespace), as scrapers often leave them:
  ``Ukraine.Also Read`` or ``said.”Also`` end a sentence when the next word is
  capitalised and at least two letters long, and the word before is at least
  two letters long, is no abbreviation and no dotted acronym (``U.S.The``) or
  initial (``V.N.Smith``), with or without closing quotes after the period
  (``U.S.”The`` and ``b.”Ca`` end nothing). ``?``, ``!`` and an ellipsis glued
  to such a word end a sentence whatever the word before them. A closing ``”``
  glued to a capitalised word ends a sentence too. Nothing inside a URL, an e-mail address or a domain
  (``https://t.co/x``, ``bbc.co.uk``) is ever an end.

Abbreviations and sentence openers are data, in ``data/abbreviations.txt``.

Most candidates that these rules turn down (a mark before a lower-case word,
an abbreviation before a word that does not let it end the sentence) are
skipped by the regular expression itself, so that text dense with such marks
costs no decision per mark.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
import importlib.resources
import itertools
import re

from newscorpus.errors import OptionsError
from newscorpus.types import Article, Sentence, Span, _slot_setters

__all__ = ["paragraphs", "sentences"]

# Sentence-final marks, and (_STRONG) those that end a sentence whatever follows.
_FINAL = ".!?…‽。！？｡।॥؟۔።"
_STRONG = frozenset("。！？｡।॥۔።")
_EXCLAIM = frozenset("!?‽؟")
_ELLIPSIS = "…"
_OPENERS = "\"'“‘„‚«‹(<[{¿¡"
# A run of sentence-final marks and the closing quotes and brackets after it.
# The run may open with a closing curly quote: ``seen”.`` or ``seen”Also``.
_CANDIDATE = re.compile(
    r"([.!?…‽。！？｡।॥؟۔።”»][.!?…‽。！？｡।॥؟۔።]{0,99})"
    r"(?:[\"'“‘＂＇](?!\w)|[”’»›)\]}」』）】〕〉》］｝]){0,16}"
)
_NON_SPACE = re.compile(r"\S")
# Characters that may continue a run of marks or close it: after a period skipped
# by the screen below, none of them may follow (that run is decided in full).
_RUN_CHARS = "".join(sorted(set(_FINAL + "”»\"'“‘＂＇’›)]}」』）】〕〉》］｝")))
_OPENING = "\"'“‘„‚«‹(<\\[{¿¡*_"
# What follows a candidate end: opening marks, then a word and the character after it.
_NEXT = re.compile(r"[\"'“‘„‚«‹(<\[{¿¡*_]{0,8}([^\W_]{0,40})(.?)", re.DOTALL)
# The same after the whitespace that follows a candidate; no match when the whitespace runs long
# or a mark follows it (those are decided the slow way).
_SPACED = re.compile(
    rf"(\s{{1,16}})(?![\s{re.escape(_FINAL)}])[{re.escape(_OPENING)}]{{0,8}}([^\W_]{{0,40}})(.?)", re.DOTALL
)


@functools.cache
def _lexicon() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Return the lexicon as (exact entries, entries matched in any case)."""
    exact: dict[str, set[str]] = {}
    folded: dict[str, set[str]] = {}
    path = importlib.resources.files("newscorpus").joinpath("data/abbreviations.txt")
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, _, kind = line.partition("\t")
        word, kind = word.strip(), kind.strip()
        target = folded if word == word.lower() else exact
        target.setdefault(word, set()).add(kind)
    return (
        {word: frozenset(kinds) for word, kinds in exact.items()},
        {word: frozenset(kinds) for word, kinds in folded.items()},
    )


_NONE: frozenset[str] = frozenset()


def _classes(word: str) -> frozenset[str]:
    """Return the lexicon classes of *word* (empty when it is no entry)."""
    exact, folded = _lexicon()
    found = exact.get(word)
    if found is not None:
        return found
    found = folded.get(word.lower())
    if found is not None:
        return found
    if len(word) > 1 and word.isupper():
        return exact.get(word.capitalize(), _NONE)
    return _NONE


def _trie(words: list[str]) -> str:
    """An alternation of *words* as a character trie, longest first: a miss costs a character or two."""
    heads: dict[str, list[str]] = {}
    for word in words:
        heads.setdefault(word[:1], []).append(word[1:])
    branches = []
    for head, rests in sorted(heads.items()):
        longer = [rest for rest in rests if rest]
        if not longer:
            branches.append(re.escape(head))
            continue
        inner = _trie(longer)
        branches.append(re.escape(head) + (f"(?:{inner})?" if len(longer) < len(rests) else inner))
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _behind_dot(words: set[str]) -> str:
    """A look-behind for any of *words* (ASCII letters) and a period, the word not preceded by a letter."""
    by_length: dict[int, list[str]] = {}
    for word in sorted(words):
        by_length.setdefault(len(word), []).append(word)
    branches = [rf"(?<![^\W\d_]{'.' * length}\.)(?<={_trie(group)}\.)" for length, group in sorted(by_length.items())]
    if not branches:
        return "(?!)"
    # The last letter first: one look at one character rules out most words.
    last = "".join(sorted({word[-1] for word in words}))
    return rf"(?<=[{last}]\.)(?:" + "|".join(branches) + ")"


def _surface_forms() -> dict[str, str]:
    """Return the written forms of the abbreviations, each with its class (``inner``, ``numeric``, ...).

    Only plain ASCII words of two letters or more are listed, in the cases
    :func:`_classes` finds them in, and not when a dotted entry ends with them
    (``e.g``), whose class would win.
    """
    exact, folded = _lexicon()
    dotted = {word.rsplit(".", 1)[-1].lower() for word in (*exact, *folded) if "." in word}
    forms: set[str] = set()
    for word in exact:
        forms.update((word, word.upper()))
    for word in folded:
        forms.update((word, word.capitalize(), word.upper()))
    found: dict[str, str] = {}
    for form in forms:
        if len(form) < 2 or not (form.isascii() and form.isalpha()) or form.lower() in dotted:
            continue
        kind = _abbreviation(form)
        if kind is not None:
            found[form] = kind
    return found


def _words_of(kind: str) -> str:
    """A pattern for a whole word that :func:`_classes` gives the class *kind*, in the cases it finds it in.

    Entries written in lower case match in any case, so they come in a group that ignores case.
    """
    exact, folded = _lexicon()
    forms = {word for word, kinds in exact.items() if kind in kinds}
    forms.update(word.upper() for word in list(forms) if kind in _classes(word.upper()))
    any_case = sorted(word for word, kinds in folded.items() if kind in kinds)
    branches = [_trie(sorted(forms))] if forms else []
    if any_case:
        branches.append(f"(?i:{_trie(any_case)})")
    return "(?:" + ("|".join(branches) or "(?!)") + r")(?![^\W_])"


@functools.cache
def _candidate() -> re.Pattern[str]:
    """The candidate ends, skipping the marks that :func:`_is_end` would turn down anyway.

    Skipped are a run of marks (with its closing quotes) before a lower-case
    word, and a lone period (no other mark or closing quote after it):

    * after a title (``Mr.``, ``e.g.``);
    * glued to what follows, unless it follows a word of two letters or more
      that is no abbreviation and comes before a word of two letters or more:
      ``Mr.Mr.Mr.`` and ``A.B.C.`` are not looked at period by period;
    * before a word that does not let the abbreviation before the period end
      the sentence: ``Inc.`` before anything but a usual sentence opener,
      ``Sept.`` before a number or a month, ``No.`` before a number;
    * after a bare list number before another one: ``1. 2. 3.`` is one list.

    Texts made of such marks (runs of abbreviations, lists, quotations) are
    thus scanned by the regular expression alone, not one mark at a time.
    """
    kinds = _surface_forms()

    every = _behind_dot(set(kinds))
    marks = re.escape(_RUN_CHARS)
    openers = re.escape(_OPENING)
    lone = rf"(?![{marks}])"
    glued = rf"(?=[^\s{marks}])"
    # From the end of a candidate to the next word, as _next_word reads it (all opening marks taken).
    ahead = rf"\s{{1,16}}(?!\s)[{openers}]{{0,8}}(?![{openers}])"
    # What must follow a lone period after each class of abbreviation for it to be skipped.
    follows = {
        "inner": "",
        "final": rf"(?={ahead}(?!{_words_of('starter')}))",
        "date": rf"(?={ahead}(?:\d|{_words_of('month')}))",
        "numeric": rf"(?={ahead}\d)",
    }
    by_length: dict[int, dict[str, list[str]]] = {}
    for form, kind in kinds.items():
        by_length.setdefault(len(form), {}).setdefault(kind, []).append(form)
    # The word before the period is measured once (letters, not preceded by a letter), then looked up
    # in the abbreviations of its length, class by class.
    words = []
    for length, groups in sorted(by_length.items()):
        tests = "|".join(rf"(?<={_trie(sorted(forms))}\.){follows[kind]}" for kind, forms in sorted(groups.items()))
        words.append(rf"(?<![^\W\d_]{'.' * length}\.)(?<=[^\W\d_]{{{length}}}\.)(?:{tests})")
    # Whether the word may be an abbreviation at all, by its last two letters and its length: most
    # words fail here, at one or two characters.
    longest = max(by_length, default=1)
    gate = rf"(?<={_trie(sorted({form[-2:] for form in kinds}))}\.)(?<![^\W\d_]{{{longest + 1}}}\.)"
    abbreviation = rf"{gate}(?:{'|'.join(words)})" if words else "(?!)"
    # A bare number of one to three digits: the whole token before the period.
    number = r"(?<=\d\.)(?:(?<![^\s]\d\.)|(?<=\d\d\.)(?<![^\s]\d\d\.)|(?<=\d\d\d\.)(?<![^\s]\d\d\d\.))"
    # The word before a period glued to what follows cannot end a sentence: it has fewer than two
    # letters at its end, or it is an abbreviation.
    no_word = rf"(?:(?<=\S\.)(?<![^\W\d_]{{2}}\.)|{every})"
    source = _CANDIDATE.pattern
    closers = source[source.index(")") + 1 : source.rindex("{")]
    # The look-aheads come first: they fail fast on the usual end, a period before a space.
    glued_skip = rf"{glued}(?:{no_word}|(?![{openers}]{{0,8}}[^\W\d_][^\W_]))"
    skip = (
        rf"{lone}(?:{abbreviation}|{number}(?=\s{{1,16}}\d{{1,3}}\.(?!\S)))"
        rf"|{glued_skip}"
        # The same with up to three closing quotes between the period and what it is glued to:
        # ``b.”Ca``. The quotes are taken all at once, up to a character that can close nothing.
        rf"|(?=(?P<closing>{closers}{{1,3}})[^\s{marks}])"
        rf"(?:{no_word}|(?=(?P=closing)(?![{openers}]{{0,8}}[^\W\d_][^\W_])))"
    )
    head = source[: source.index("]") + 1]
    # A run of marks that never ends a sentence whatever the token before it: one before a lower-case
    # word or before another mark (``Stop. . .``).
    plain = re.escape("".join(mark for mark in _FINAL if mark not in _STRONG))
    weak = rf"(?<=[{plain}”»])(?=[{marks}])[{plain}]{{0,99}}" + source[source.index(")") + 1 :]
    stopper = rf"\s{{1,16}}(?:[{openers}]{{0,8}}[a-z]|[{re.escape(_FINAL)}])"
    # The lone mark first, the usual case; a longer run only when one follows.
    lower = rf"(?!(?<=[{plain}”»]){stopper})(?!{weak}{stopper})"
    # A closing quote that the candidate of a mark before it would have taken (up to three places
    # after it) opens no candidate of its own, though that mark was skipped.
    closer = closers.replace("(?!\\w)", "").replace("]|[", "")
    before = head[1:]
    taken = rf"(?!(?<=[”»])(?:(?<={before}[”»])|(?<={before}{closer}[”»])|(?<={before}{closer}{{2}}[”»])))"
    # A closing quote alone ends a sentence only glued to a capital letter: not before a closing mark
    # (which it takes), a space, a small letter or a digit.
    quote = rf"(?!(?<=[”»])(?:[{closer[4:-2]}\sa-z0-9]|\Z))"
    # A skipped glued period, then a run of letters or abbreviations, each with a period glued to
    # what follows (``A.B.C.D``, ``Mr.Mrs.Dr``): every one of those periods is skipped too, as the
    # word before it is an initial or an abbreviation. The run is taken as one match that is no
    # candidate, so that such text is not looked at period by period.
    pair = rf"(?:{_trie(sorted(kinds))}|[^\W\d_])\.(?=[^\s{marks}])"
    # The same with spaces: a skipped period after an abbreviation, then abbreviations, each with a
    # period that the word after it lets be skipped (``Mr. Dr. Prof.``, ``Inc. Corp. Ltd.``).
    element = "|".join(
        rf"{_trie(sorted(form for form, found in kinds.items() if found == kind))}\.{lone}{follows[kind]}"
        for kind in sorted(set(kinds.values()))
    )
    # An abbreviation and its period must follow, which most periods fail at the first letter.
    spaced = rf"{lone}(?=\s{{1,16}}{_trie(sorted(kinds))}\.){abbreviation}(?:\s{{1,16}}(?:{element})){{1,1000}}"
    # Bare list numbers, each before another one: ``1. 2. 3. 4.``
    numbers = rf"{lone}{number}(?:\s{{1,16}}\d{{1,3}}\.(?=\s{{1,16}}\d{{1,3}}\.(?!\S))){{1,1000}}"
    # Runs of marks that each come before another run (``.?! .?! .?!``) or a small word: each is
    # turned down (see *lower* below), so they are taken together, up to the last one.
    rest_of_run = f"[{plain}]{{0,99}}" + source[source.index(")") + 1 :]
    marks_runs = (
        rf"(?<=[{plain}”»])(?=[{marks}]|\s{{1,16}}[{plain}”»]){rest_of_run}(?={stopper})"
        rf"(?:\s{{1,16}}[{plain}”»]{rest_of_run}(?={stopper})){{1,1000}}"
    )
    run = rf"(?:(?<=\.)(?:{glued_skip}(?:{pair}){{1,1000}}|{spaced}|{numbers})|{marks_runs})(?P<run>)"
    # The pattern opens with the class of its first character, which the engine looks for fast.
    rest = source[len(head) :]
    marks_run = rest[: rest.index(")")]
    candidate = rf"{taken}{quote}{lower}(?!(?<=\.)(?:{skip})){marks_run}"
    return re.compile(rf"{head}(?:{run}|{candidate})" + rest[len(marks_run) :])


_SENTENCE_SLOTS = _slot_setters(Sentence, ("start", "end", "text", "paragraph"))
_new = object.__new__


def _sentence(start: int, end: int, text: str, paragraph: int) -> Sentence:
    """Return the sentence *text* at *start*-*end*: taken from the text itself, it is valid by construction.

    Texts of a sentence every few characters make hundreds of thousands, so the
    slots are filled directly (see :func:`~newscorpus.types._slot_setters`).
    """
    sentence: Sentence = _new(Sentence)
    set_start, set_end, set_text, set_paragraph = _SENTENCE_SLOTS
    set_start(sentence, start)
    set_end(sentence, end)
    set_text(sentence, text)
    set_paragraph(sentence, paragraph)
    return sentence


def _text_of(source: Article | str) -> str:
    if isinstance(source, str):
        return source
    if isinstance(source, Article):
        return source.text
    raise OptionsError(f"expected an Article or a str, got {type(source).__name__}")


# From this many lines on, a text's paragraphs are found by the lines where one may open.
_MANY_LINES = 256
# Line breaks other than ``\n`` (``str.splitlines`` knows them all): texts with any of them have
# their paragraphs found line by line.
_ODD_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Where a paragraph may open: a line after a blank line (group 3), and a line that opens with no
# small letter (group 4: a capital, a digit, a mark; letters other than a-z are looked at again).
# A line that opens with 200 spaces or more (groups 1 and 2) sends the text line by line too.
_OPENS = re.compile(
    r"\n(?:([^\S\n]{200})|[^\S\n]{0,199}\n(?:([^\S\n]{200})|[^\S\n]{0,199}(\S))|[^\S\n]{0,199}([^\sa-z]))"
)


def _paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` of each paragraph, without surrounding whitespace.

    A text of many lines is not read line by line: only the lines where a
    paragraph may open are visited, not those that continue one (a small letter
    after a single line break). A text of a few hundred lines or fewer, as an
    article is, is read line by line, which is quicker there.
    """
    if text.count("\n") < _MANY_LINES or _ODD_BREAKS.search(text) is not None:
        return _paragraph_bounds_by_line(text)
    first = _NON_SPACE.search(text)
    if first is None:
        return []
    opens = [first.start()]
    for match in _OPENS.finditer(text):
        if match.lastindex is not None and match.lastindex < 3:
            return _paragraph_bounds_by_line(text)
        position = match.start(3)
        if position < 0:
            position = match.start(4)
            if text[position].islower():
                continue
        if position > opens[-1]:
            opens.append(position)
    # Each paragraph ends at the last non-space character before the next one opens: before the
    # line break (and the blank lines) ahead of it.
    bounds = []
    for start, following in itertools.pairwise(opens):
        end = text.rfind("\n", start, following)
        while text[end - 1].isspace():
            end -= 1
        bounds.append((start, end))
    end = len(text)
    while text[end - 1].isspace():
        end -= 1
    bounds.append((opens[-1], end))
    return bounds


def _paragraph_bounds_by_line(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` of each paragraph, looking at every line."""
    bounds: list[tuple[int, int]] = []
    start = -1
    end = 0
    position = 0
    previous_blank = True
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if not stripped:
            previous_blank = True
            position += len(line)
            continue
        # The first non-whitespace character of the line is the first of *stripped*.
        lead = position + line.index(stripped[0])
        if start < 0:
            start = lead
        elif previous_blank or not stripped[0].islower():
            bounds.append((start, end))
            start = lead
        end = lead + len(stripped)
        previous_blank = False
        position += len(line)
    if start >= 0:
        bounds.append((start, end))
    return bounds


def paragraphs(source: Article | str, /) -> tuple[Span, ...]:
    """Return the paragraphs of an article's text, without surrounding whitespace.

    >>> [p.text for p in paragraphs("Headline\\nBody starts here and\\ngoes on.\\n\\n  Next.  ")]
    ['Headline', 'Body starts here and\\ngoes on.', 'Next.']

    Blank lines separate paragraphs, and so does a single line break unless
    the next line opens with a lower-case letter. Every non-whitespace
    character is in exactly one paragraph. Anything but an article or a
    string raises :class:`~newscorpus.errors.OptionsError`.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       A wrong type raises :class:`~newscorpus.errors.OptionsError` instead of :class:`TypeError`.
    """
    text = _text_of(source)
    return tuple(Span(start=start, end=end, text=text[start:end]) for start, end in _paragraph_bounds(text))


def _left_token(text: str, low: int, position: int) -> str:
    """Return the whitespace-free token that ends at *position*, opening marks removed."""
    window = text[max(low, position - 48) : position]
    pieces = window.rsplit(None, 1)
    token = pieces[-1] if pieces else ""
    return token.lstrip(_OPENERS)


def _right_token(text: str, position: int, stop: int) -> str:
    """Return the whitespace-free token that starts at *position*."""
    pieces = text[position : min(stop, position + 48)].split(None, 1)
    return pieces[0] if pieces else ""


def _is_web(token: str) -> bool:
    """Tell whether *token* is part of a URL, an e-mail address or a ``www`` domain."""
    return "/" in token or "@" in token or token[:3].lower() == "www"


def _tail(token: str) -> str:
    """Return the letters and inner periods that end *token* (``U.S`` of ``(U.S``), or ``""``."""
    index = len(token)
    while index > 0 and (token[index - 1].isalpha() or token[index - 1] == "."):
        index -= 1
    tail = token[index:].lstrip(".")
    return tail if tail[-1:].isalpha() else ""


@functools.lru_cache(maxsize=4096)
def _abbreviation(token: str) -> str | None:
    """Return the abbreviation class of the token before a period, or ``None``."""
    if token.isalpha():
        kinds = _classes(token)
        if len(token) == 1:
            return "final"
    else:
        tail = _tail(token)
        if not tail:
            return None
        kinds = _classes(tail)
        if not kinds and "." in tail:
            parts = tail.split(".")
            if all(len(part) == 1 for part in parts):
                return "final"
            kinds = _classes(parts[-1])
    for kind in ("inner", "numeric", "date", "final"):
        if kind in kinds:
            return kind
    return None


def _next_word(text: str, position: int, stop: int) -> tuple[str, str]:
    """Return the word at *position* (after opening marks) and the character after it."""
    match = _NEXT.match(text, position, stop)
    if match is None:
        return "", ""
    return match.group(1), match.group(2)


def _is_end(text: str, cur: int, match: re.Match[str], stop: int) -> bool:
    """Decide whether the candidate *match* ends the sentence that opened at *cur*.

    *stop* is the end of the paragraph, and the candidate ends before it.
    """
    return _next_start(text, cur, match, stop) >= 0


def _next_start(text: str, cur: int, match: re.Match[str], stop: int) -> int:
    """Return where the next sentence starts if the candidate *match* ends the one that opened at *cur*, else -1.

    *stop* is the end of the paragraph, and the candidate ends before it.
    """
    start, run_end = match.span(1)
    end = match.end()
    head = text[start]
    if head == "." and run_end - start == 1:
        # A lone period, by far the most frequent candidate.
        exclaim = ellipsis = False
    else:
        if head in "”»":
            if run_end - start == 1:
                # A closing quote, maybe glued to a capitalised word: ``seen”Also``.
                glued = (
                    end == run_end
                    and start > cur
                    and text[end].isupper()
                    and not _is_web(_left_token(text, cur, start))
                    and not _is_web(_right_token(text, end, stop))
                )
                return end if glued else -1
            start += 1
        marks = text[start:run_end]
        if not _STRONG.isdisjoint(marks):
            return _after(text, end, stop)
        exclaim = not _EXCLAIM.isdisjoint(marks)
        ellipsis = not exclaim and (_ELLIPSIS in marks or "..." in marks)
    if not text[end].isspace():
        # Glued to what follows: ``Ukraine.Also Read``, ``said.“Next``.
        word, _ = _next_word(text, end, stop)
        if len(word) < 2 or not word[0].isupper():
            return -1
        token = _left_token(text, cur, start)
        if not token or _is_web(token) or _is_web(_right_token(text, end, stop)):
            return -1
        if exclaim or ellipsis:
            return end
        # A period, with or without closing quotes (``said.Also``, ``said.”Also``): the word before decides.
        if len(token) < 2 or not token[-1].isalpha() or not token[-2].isalpha():
            return -1
        return end if _abbreviation(token) is None else -1
    spaced = _SPACED.match(text, end, stop)
    if spaced is not None:
        found = spaced.end(1)
        word, after = spaced.group(2, 3)
    else:
        found = _after(text, end, stop)
        if found == stop or text[found] in _FINAL:
            return -1
        word, after = _next_word(text, found, stop)
    first = word[:1]
    if first.islower():
        return -1
    if exclaim:
        return found
    if ellipsis:
        return found if first.isupper() else -1
    if start - cur <= 3 and text[cur:start].isdigit():
        # A list number: ``1. The first point``.
        return -1
    low = start - 48 if start - 48 > cur else cur
    pieces = text[low:start].rsplit(None, 1)
    kind = _abbreviation(pieces[-1].lstrip(_OPENERS) if pieces else "")
    if kind is None:
        ends = True
    elif kind == "inner":
        ends = False
    elif kind == "numeric":
        ends = not first.isdigit()
    elif kind == "date":
        ends = not first.isdigit() and "month" not in _classes(word)
    else:
        # "final": only before a usual sentence opener.
        ends = bool(word) and after != "." and "starter" in _classes(word)
    return found if ends else -1


def _after(text: str, end: int, stop: int) -> int:
    """Return the first non-space position from *end* on in the paragraph, or *stop*."""
    found = _NON_SPACE.search(text, end, stop)
    return found.start() if found is not None else stop


def sentences(source: Article | str, /) -> tuple[Sentence, ...]:
    """Return the sentences of an article's text, in order.

    >>> [(s.text, s.paragraph) for s in sentences("Kyiv talks\\nPutin spoke. “We will fight.” He left.")]
    [('Kyiv talks', 0), ('Putin spoke.', 1), ('“We will fight.”', 1), ('He left.', 1)]

    Sentences never start or end with whitespace, never overlap and never
    cross a paragraph (see :func:`paragraphs`); together with the whitespace
    between them they cover the whole text. ``paragraph`` is the index of the
    sentence's paragraph in :func:`paragraphs`. Anything but an article or a
    string raises :class:`~newscorpus.errors.OptionsError`.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       A wrong type raises :class:`~newscorpus.errors.OptionsError` instead of :class:`TypeError`.
    """
    text = _text_of(source)
    bounds = _paragraph_bounds(text)
    if not bounds:
        return ()
    out: list[Sentence] = []
    append = out.append
    make = _sentence
    index = 0
    cur, stop = bounds[0]
    pattern = _candidate()
    run = pattern.groupindex["run"]
    for match in pattern.finditer(text):
        end = match.end()
        while end > stop:
            append(make(cur, stop, text[cur:stop], index))
            index += 1
            cur, stop = bounds[index]
        if end == stop or match.start(run) >= 0:
            continue
        start = _next_start(text, cur, match, stop)
        if start < 0:
            continue
        append(make(cur, end, text[cur:end], index))
        cur = start
    append(make(cur, stop, text[cur:stop], index))
    for rest in range(index + 1, len(bounds)):
        cur, stop = bounds[rest]
        append(make(cur, stop, text[cur:stop], rest))
    return tuple(out)
