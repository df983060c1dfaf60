"""Blocks (the lines of a text) and the evidence about each: length, stop words, links, cue phrases, shape.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Iterable
from typing import Any, cast

from newscorpus import _clean_lexicon as lexicon
from newscorpus.clean.options import CleanOptions

__all__: list[str] = []


_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


# The longest token: a longer run of word characters makes several.
_MAX_TOKEN = 100


_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]{{1,{_MAX_TOKEN}}}")


_CJK_CHAR = re.compile(rf"[{_CJK}]")


_HIRAGANA = re.compile(r"[\u3040-\u309f]")


_URL = r"(?:https?://|www\.)[^\s]{1,300}|(?<![\w@])[@#][^\W_]\w{0,60}"


_EMAIL = r"[\w.+-]{1,64}@[\w-]{1,63}\.[\w.]{2,30}"


_SITE = r"\b[\w-]{1,63}\.(?:com|org|net|co\.uk|gov|edu|io|in|ru|de|br|jp|kr|info|news|tv)\b(?:/[^\s]{0,300})?"


_LINK = re.compile(f"{_URL}|{_EMAIL}|{_SITE}")


# The same where there is no "@": an e-mail address cannot match, and trying it everywhere is slow.
_LINK_NO_EMAIL = re.compile(f"{_URL}|{_SITE}")


_DOMAIN_HINT = re.compile(r"\.(?:com|org|net|co|in|ru|de|io|news|tv)\b")


_HANDLE_OR_TAG = re.compile(r"(?<![\w@#])[@#][^\W_]\w{0,60}")


# A sentence end, maybe followed by a closing quote and an emoji or two: "... today! 🙂".
_TERMINAL = re.compile(r"[.!?。！？…:;।~][\"'”’»)\]*]{0,3}(?:[ \t]{0,2}[^\w\s.!?…:;|»›>\-–—•·/\\]){0,3}$")


_TERMINAL_MARKS = frozenset(".!?。！？…:;।~")


_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’)\]]{0,2}(?:\s|$)")


_CUE_SEPARATORS = frozenset(":|»›>-–—•·")


_CUE_STRIP = " :|»›>-–—•·*#[](){}.!?\"'"


_TRAILING_COUNT = re.compile(r"[ \t]{0,3}\(?\d{1,6}\)?$")


_TRUNCATED = ("[…]", "[...]", "[&hellip;]")
# "... of the new season. Read more »", "... weiterlesen": a link to the rest of another page, closing a blurb
# (lower-case text; the words of page chrome in several languages).
_READ_MORE = re.compile(
    r"(?:read more|continue reading|read the full (?:story|article)|weiterlesen|mehr lesen|lire la suite|"
    r"leer más|seguir leyendo|leia mais|continua a leggere|leggi tutto|czytaj więcej|lees verder|читать далее)"
    r"[ \t]{0,3}[»›>→.…\])]{0,3}$"
)
# The longest blurb (in words) that a "Read more" link closes.
_READ_MORE_WORDS = 80


# "— Name (@handle) February 25, 2022": the signature of a flattened tweet.
_TWEET_SIGNATURE = re.compile(
    r"[—–-][ \t\u00a0]{0,3}[^\n()]{1,100}\(@\w{1,30}\)[ \t\u00a0]{0,3}[A-Z][a-z]{2,9}\.?[ \t\u00a0]{1,3}\d{1,2},"
    r"[ \t\u00a0]{0,3}\d{4}"
)


# "🔴 #LIVE: ...", "BIG #BREAKING | ...": a social post opening with a hashtag.
_HASHTAG_OPENING = re.compile(r"^[^\w#]{0,6}(?:[A-Z]{2,12}[ \t]{1,3}){0,2}#[^\W_]\w{0,40}[ \t]{0,3}[:|\-–—]")


# "jdoe says:", "Jane Doe wrote on November 19, 2019:": the signature of a reader comment.
_COMMENT_SIGNATURE = re.compile(
    r"^[^\n]{1,60}?[ \t](?:says|wrote|writes|commented|replied)(?:[ \t]on[ \t][^\n]{1,60})?:$", re.IGNORECASE
)


# "On Example.com: Other headline", "Also on example.com Other headline": a link to another story.
_SITE_PROMO = re.compile(
    r"^(?:on|more on|more at|also on|read more on|more from)[ \t]{1,3}[\w.-]{1,60}\.(?:com|org|net|co\.uk|news)"
    r"(?:[ \t]{0,2}:|[ \t]{1,3}(?-i:[A-Z‘'\"“]))",
    re.IGNORECASE,
)


# "SEE ALSO: Other headline", "LEA TAMBIÉN: ...": a label of two or three words in capitals and a colon
# (one word in capitals is the label of a table row: "NPC: ...").
_CAPS_LABEL = re.compile(r"^[^\W\d_a-zà-ÿ]{2,20}(?:[ \t][^\W\d_a-zà-ÿ]{2,20}){1,2}[ \t]{0,2}:[ \t]{1,3}\w")
# The longest line (in words) read as a label in capitals over a headline.
_LABELLED_WORDS = 25


# '11 responses to "Headline"', '5 Kommentare zu „...“': a count, a noun and a quoted title.
_COMMENT_COUNT = re.compile(r"^\d{1,5}[ \t]\w{2,20}[ \t]\w{1,5}[ \t]{1,2}[\"“„«‘'‹]")


_READING_TIME = re.compile(
    r"^(?:(?:reading time|read time|lesezeit|temps de lecture|tiempo de lectura|tempo de leitura|"
    r"tempo di lettura|время чтения)[ \t]{0,3}:?[ \t]{0,3})?(?:about[ \t]{1,3})?\d{1,3}[ \t]{0,3}"
    r"(?:-|to|–)?[ \t]{0,3}\d{0,3}[ \t]{0,3}(?:min(?:ute)?s?\.?|мин\.?|分)[ \t]{0,3}"
    r"(?:read|reading|read time|de lecture|de leitura|di lettura|lesezeit|чтения|で読めます)?\.?$"
)


_CREDIT_SHAPE = re.compile(r"^[^\n]{0,80}?(?:/|\||\bvia\b|,)[ \t]{0,3}[^\n]{0,80}$")


# "Photo: Jane Doe", "Image by John Roe | Agency": a credit line (lower-case text).
_CREDIT_OPENING = re.compile(
    r"^(?:photo(?:graph)?|image|picture|credit|foto|bild|фото)s?(?:[ \t]{1,3}by)?[ \t]{0,3}[:|]|^getty"
    r"|^photo(?:graph)?s?[ \t]{1,3}by[ \t]"
)


# "... Photo: Jane Doe", "... / (c) Agency", "... (Symbolbild)": the credit closing a caption (lower-case text).
_CLOSING_CREDIT = re.compile(
    r"(?:[\s/|(\[–—-])(?:©|\(c\)|(?:photo(?:graph)?|foto|bild|image|picture|credit|crédit|crédito|quelle)s?"
    r"(?:[ \t]{1,3}(?:by|von|de|di))?[ \t]{0,3}[:|©])[^\n:.!?]{1,60}$"
    r"|\((?:symbolbild|archivbild|archivfoto|foto|photo|image|bild|illustration)\)$"
)
# "dp3_1_en", "IMG_2034.jpg": one word of letters with underscores, or with the extension of an image.
_FILE_NAME = re.compile(r"[A-Za-z][\w-]{0,60}(?:_[\w-]{1,60}|\.(?:jpe?g|png|gif|webp|svg|JPE?G|PNG))")
# The longest block (in words) read as a caption closed by its credit.
_CAPTION_CREDIT_WORDS = 40


def _ends_with_credit(norm: str) -> bool:
    """Tell whether a lower-case block ends with a photo credit (a quick look for its signs first)."""
    tail = norm[-90:]
    if not ("©" in tail or "(c)" in tail or ":" in tail or tail.endswith(")")):
        return False
    return _CLOSING_CREDIT.search(tail) is not None


# "1 / 8", "Image 1 of 13", "1of4A shopper looks at ...": the counter of a photo gallery (lower-case text).
_GALLERY_COUNTER = re.compile(
    r"^(?:(?:image|photo|picture|slide)[ \t]{0,2})?\d{1,3}[ \t]{0,2}of[ \t]{0,2}\d{1,3}"
    r"|^\d{1,3}[ \t]{1,2}/[ \t]{1,2}\d{1,3}$"
)


_GALLERY_WORDS = ("image", "photo", "picture", "slide")


# "Follow Newsbeat on Instagram", "Follow RT on": a prompt to follow an account (lower-case text).
_FOLLOW = re.compile(r"^follow[ \t](?:[^\n]{0,60}[ \t])?on(?:[ \t:]|$)")


_YEAR_HINT = re.compile(r"(?:19|20)\d\d")


# Cheap signs that a long block may hold legal or sign-up phrases.
_LONG_BLOCK_SIGNS = ("©", "rights", "cookie", "subscri", "newsletter", "sign up", "privacy", "(c)")


# How often letters occur in English text (in percent; white space about 18); other characters are
# taken as rare. Only used for speed: to try frequent characters first, to look for rare ones first.
_LETTER_SHARE = {
    "e": 12.7,
    "t": 9.1,
    "a": 8.2,
    "o": 7.5,
    "i": 7.0,
    "n": 6.7,
    "s": 6.3,
    "h": 6.1,
    "r": 6.0,
    "d": 4.3,
    "l": 4.0,
    "c": 2.8,
    "u": 2.8,
    "m": 2.4,
    "w": 2.4,
    "f": 2.2,
    "g": 2.0,
    "y": 2.0,
    "p": 1.9,
    "b": 1.5,
    "v": 1.0,
    "k": 0.8,
    "j": 0.15,
    "x": 0.15,
    "q": 0.1,
    "z": 0.07,
    " ": 18.0,
}


_LETTER_RANK = {
    char: rank for rank, char in enumerate(sorted(_LETTER_SHARE, key=_LETTER_SHARE.__getitem__, reverse=True))
}


def _trie(words: Iterable[str]) -> str:
    """Return a regular expression matching any of *words*, shaped as a trie so that it fails fast."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        # Branches open with different characters, so their order changes nothing but speed: the
        # engine tries them in turn, and letters frequent in text are best tried first.
        chars = sorted((char for char in node if char), key=lambda char: (_LETTER_RANK.get(char, 99), char))
        branches = [re.escape(char) + build(node[char]) for char in chars]
        if not branches:
            return ""
        body = "(?:" + "|".join(branches) + ")" if len(branches) > 1 or "" in node else branches[0]
        return body + "?" if "" in node else body

    return build(tree)


def _screen(words: Iterable[str]) -> list[str]:
    """Return regular expressions that together find whether any of *words* occurs, much faster than their trie.

    The trie is tried at each position of a text that opens one of the words, and nearly every
    letter does. Here each word is looked for from a rare character of its own (its anchor, chosen
    so that few characters of a text are anchors), the rest of the word checked after the anchor
    and, by a look-behind, before it: one expression per anchor, which the engine looks for as a
    literal. A match is where a word ends, not where it starts. On a short text, the expressions
    joined by ``|`` make one quicker test.
    """
    ordered = sorted(set(words))
    left = set(ordered)
    anchors: list[str] = []
    while left:
        # The character in most of the words left, for how often it occurs.
        chars = {char for word in left for char in word}
        anchor = max(chars, key=lambda char: (sum(char in word for word in left) / _LETTER_SHARE.get(char, 0.5), char))
        anchors.append(anchor)
        left = {word for word in left if anchor not in word}
    groups: dict[str, list[str]] = {}
    for word in ordered:
        anchor = next(anchor for anchor in anchors if anchor in word)
        rest = word[word.index(anchor) + 1 :]
        groups.setdefault(anchor, []).append(f"{re.escape(rest)}(?<={re.escape(word)})")
    return [f"{re.escape(anchor)}(?:{'|'.join(alternatives)})" for anchor, alternatives in groups.items()]


@functools.cache
def _has_pattern() -> re.Pattern[str]:
    return re.compile(_trie(lexicon.cues().has))


@functools.cache
def _has_screen() -> re.Pattern[str]:
    """Matches where :func:`_has_pattern` would: a quick test before looking for the first cue phrase."""
    return re.compile("|".join(_screen(lexicon.cues().has)))


@functools.cache
def _line_cue_tokens() -> int:
    """The number of tokens of the longest cue line."""
    return max((len(_TOKEN.findall(phrase)) for phrase in lexicon.cues().line), default=0)


@functools.cache
def _start_cues() -> dict[str, tuple[tuple[str, str], ...]]:
    """The opening cue phrases by their first word, longest first."""
    index: dict[str, list[tuple[str, str]]] = {}
    for phrase, family in sorted(lexicon.cues().start.items(), key=lambda item: (-len(item[0]), item[0])):
        index.setdefault(phrase.split(" ", 1)[0].rstrip(":"), []).append((phrase, family))
    return {word: tuple(phrases) for word, phrases in index.items()}


@functools.cache
def _agency() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_trie(lexicon.words('agency'))})\b")


def _any_match(patterns: tuple[re.Pattern[str], ...], text: str) -> bool:
    for pattern in patterns:  # noqa: SIM110 - a plain loop is faster than any() over a generator here
        if pattern.search(text) is not None:
            return True
    return False


def _has_any(text: str, signs: tuple[str, ...]) -> bool:
    for sign in signs:  # noqa: SIM110 - a plain loop is faster than any() over a generator here
        if sign in text:
            return True
    return False


# Block classes, from junk (a rule matched) to prose.
_JUNK, _BAD, _SHORT, _NEAR, _GOOD = -1, 0, 1, 2, 3


class _Block:
    """One line of the text and the evidence about it."""

    __slots__ = (
        "caps",
        "cjk",
        "cls",
        "end",
        "gain",
        "gone",
        "hits",
        "key",
        "length",
        "links",
        "linky",
        "newlines",
        "norm",
        "rule",
        "start",
        "stopwords",
        "terminal",
        "text",
        "tokens",
        "weight",
        "words",
    )

    def __init__(self, text: str, start: int, newlines: int, plain: bool, linked: bool) -> None:
        """Describe the stripped line *text*.

        *plain*: it needs no more than case folding to be normalised; *linked*: the page may hold links.
        """
        self.text = text
        self.start = start
        self.end = start + len(text)
        self.newlines = newlines
        self.rule: str | None = None
        self.gone = False
        self.cls = _SHORT
        self.hits: list[str] | None = None
        self.stopwords: float | None = None
        self.linky = False
        self.caps: float | None = None
        self.weight = 0.0
        self.gain = 0.0
        norm = text.casefold() if plain else lexicon.normalize_phrase(text)
        self.norm = norm
        cjk = 0
        try:
            data = norm.encode("latin-1")
        except UnicodeEncodeError:
            tokens: list[str] = _TOKEN.findall(norm)
            cjk = len(_CJK_CHAR.findall(text))
        else:
            tokens = _latin_tokens(data)
        self.tokens = tokens
        self.key = "".join(tokens)
        self.cjk = cjk
        self.words = len(tokens) - cjk
        self.length = self.words + cjk / 2
        last = text[-1]
        # A closing mark as the last character ends the text like a sentence by itself.
        self.terminal = last in _TERMINAL_MARKS or (not last.isalnum() and _TERMINAL.search(text[-12:]) is not None)
        self.links = 0
        if linked and (
            "@" in text
            or "#" in text
            or (":" in text and "://" in text)
            or ("." in text and _DOMAIN_HINT.search(text) is not None)
        ):
            self.links = len((_LINK if "@" in text else _LINK_NO_EMAIL).findall(text))


def _blocks(text: str) -> list[_Block]:
    """Cut *text* into its non-blank lines, stripped, with the number of line breaks before each, and describe them."""
    plain = _plain_lines(text)
    # A line holds a sign of a link only where the page does.
    linked = "@" in text or "#" in text or "://" in text or _DOMAIN_HINT.search(text) is not None
    blocks: list[_Block] = []
    # The first block of each line text: a line repeated in the page (menus, labels) is described once.
    described: dict[str, _Block] = {}
    offset = 0
    newlines = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + len(line) - len(line.lstrip()) if len(stripped) < len(line) else offset
            first = described.get(stripped)
            if first is None:
                block = described[stripped] = _Block(stripped, start, newlines, plain, linked)
            else:
                block = _copy(first, start, newlines)
            blocks.append(block)
            newlines = 0
        offset += len(line) + 1
        newlines += 1
    return blocks


def _copy(block: _Block, start: int, newlines: int) -> _Block:
    """Return a block of the same line text as *block* at *start*, sharing its evidence (not yet classified)."""
    copy: _Block = object.__new__(_Block)
    copy.text = block.text
    copy.start = start
    copy.end = start + (block.end - block.start)
    copy.newlines = newlines
    copy.rule = None
    copy.gone = False
    copy.cls = _SHORT
    copy.hits = block.hits
    copy.stopwords = None
    copy.linky = False
    copy.caps = block.caps
    copy.weight = 0.0
    copy.gain = 0.0
    copy.norm = block.norm
    copy.tokens = block.tokens
    copy.key = block.key
    copy.cjk = block.cjk
    copy.words = block.words
    copy.length = block.length
    copy.terminal = block.terminal
    copy.links = block.links
    return copy


def _plain_lines(text: str) -> bool:
    """Tell whether every line of *text*, stripped, needs no more than case folding to be normalised.

    So it is for a Latin-1 text whose only white space is single spaces and line breaks: case
    folding makes no white space and no curly apostrophe.
    """
    if "  " in text:
        return False
    if text.isascii():
        for space in _ODD_ASCII_SPACES:  # noqa: SIM110 - faster than any() over a generator
            if space in text:
                return False
        return True
    try:
        data = text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return b"\x00" not in data.translate(_ODD_SPACES)


# Latin-1 characters that are word characters (``\\w``) stay, the others become spaces.
_LATIN_WORDS = bytes(code if chr(code).isalnum() or code == 0x5F else 0x20 for code in range(256))


# Word characters become "w", the others spaces: a run longer than a token is found as a substring.
_LATIN_MARKS = bytes(0x77 if chr(code).isalnum() or code == 0x5F else 0x20 for code in range(256))


_LONG_RUN = b"w" * (_MAX_TOKEN + 1)


# White space other than a space or a line break becomes NUL, the rest stays.
_ODD_SPACES = bytes(0 if chr(code).isspace() and code not in (0x0A, 0x20) else code for code in range(256))


_ODD_ASCII_SPACES = tuple(chr(code) for code in range(128) if chr(code).isspace() and code not in (0x0A, 0x20))


def _latin_tokens(data: bytes) -> list[str]:
    """Return the tokens of a text encoded in Latin-1, as ``_TOKEN`` finds them.

    Translating bytes and splitting is much faster than running the pattern.
    """
    if len(data) > _MAX_TOKEN and _LONG_RUN in data.translate(_LATIN_MARKS):
        # The pattern cuts a longer run of word characters into pieces.
        return cast(list[str], _TOKEN.findall(data.decode("latin-1")))
    return data.translate(_LATIN_WORDS).decode("latin-1").split()


def _caps(block: _Block) -> float:
    """Return the share of capitalised words of a block (headlines), counted when first asked for.

    Long prose needs no count: a block of more than 60 tokens that ends like a sentence has none.
    """
    caps = block.caps
    if caps is None:
        caps = 0.0
        if len(block.tokens) <= 60 or not block.terminal:
            capitals = 0
            letters = 0
            for word in block.text.split():
                first = word[0]
                if first.isalpha():
                    letters += 1
                    if first.isupper():
                        capitals += 1
            caps = capitals / letters if letters else 0.0
        block.caps = caps
    return caps


_LENGTH = operator.attrgetter("length")


# How many words are read to tell whether any stop-word list fits the text.
_LANGUAGE_SAMPLE = 800


def _has_stopword_language(blocks: list[_Block]) -> bool:
    """Tell whether one of the stop-word lists fits the text (judged on its longest blocks).

    Without a fitting list (a language or script there is no list for), stop words give no evidence.
    """
    total = 0
    tokens = 0
    sampled: list[_Block] = []
    # Long blocks first: menus at the top of a page say little about its language.
    for block in sorted(blocks, key=_LENGTH, reverse=True):
        total += block.words + block.cjk
        tokens += len(block.tokens)
        sampled.append(block)
        if total >= _LANGUAGE_SAMPLE:
            break
    tables = _stopword_tables()
    # A list fits when it holds at least max(3, 3 %) of the distinct words of the sample. There are no
    # more distinct words than words: once a list holds that share of all the words, it fits.
    enough = max(3.0, 0.03 * tokens)
    found: set[str] = set()
    checked = 0
    for block in sampled:
        found.update(_stopword_hits(block))
        if len(found) >= enough and len(found) > checked:
            checked = len(found)
            if any(len(found & table) >= enough for table in _tables_by_size()):
                return True
    hits = max([len(found & table) for table in tables])
    if hits < 3:
        return False
    sample: set[str] = set()
    for block in sampled:
        sample.update(block.tokens)
    return hits >= 0.03 * len(sample)


@functools.cache
def _all_stopwords() -> frozenset[str]:
    return frozenset().union(*lexicon.stopwords().values())


@functools.cache
def _stopword_tables() -> tuple[frozenset[str], ...]:
    return tuple(table for _, table in sorted(lexicon.stopwords().items()))


# The width of each field of a stop word's code: room to count far more stop words than the lists hold.
_CODE_BITS = 16


_CODE_MASK = (1 << _CODE_BITS) - 1


@functools.cache
def _stopword_codes() -> dict[str, int]:
    """The code of each stop word: bit ``_CODE_BITS * i`` is set when list ``i`` holds it."""
    tables = _stopword_tables()
    return {
        word: sum(1 << (_CODE_BITS * index) for index, table in enumerate(tables) if word in table)
        for word in _all_stopwords()
    }


@functools.cache
def _code_shifts() -> tuple[int, ...]:
    """Where the field of each list starts in a stop word's code."""
    return tuple(_CODE_BITS * index for index in range(len(_stopword_tables())))


@functools.cache
def _tables_by_size() -> tuple[frozenset[str], ...]:
    """The stop-word lists, longest first: a long list is the likeliest to fit."""
    return tuple(sorted(_stopword_tables(), key=len, reverse=True))


def _score_stopwords(block: _Block, fitting: bool) -> None:
    """Set the block's share of stop words, in the language whose list fits the block best.

    Japanese is read by its share of hiragana; a block with neither a fitting list nor kana keeps
    ``None`` (no evidence). Each block is judged on its own, so what the rest of the page holds
    does not change the verdict.
    """
    if block.cjk:
        kana = len(_HIRAGANA.findall(block.text))
        if kana:
            block.stopwords = kana / block.cjk
            return
        if block.cjk >= block.words:
            return
    if not fitting or not block.words:
        return
    tokens = block.tokens
    if len(tokens) == 1:
        block.stopwords = 1.0 if tokens[0] in _all_stopwords() else 0.0
        return
    hits = _stopword_hits(block)
    if not hits:
        block.stopwords = 0.0
        return
    # The first list holding every stop word found is the best; any list that does holds every hit.
    for table in _tables_by_size():
        if table.issuperset(hits):
            block.stopwords = len(hits) / block.words
            return
    # Else the first list holding the most of them. Each stop word is coded with a field per list
    # (1 where the list holds it): the sum of the codes counts, in each field, what each list holds.
    total = sum(map(_stopword_codes().__getitem__, set(hits)))
    counts = [(total >> shift) & _CODE_MASK for shift in _code_shifts()]
    best = _stopword_tables()[counts.index(max(counts))]
    block.stopwords = sum(map(best.__contains__, hits)) / block.words


def _stopword_hits(block: _Block) -> list[str]:
    """Return the tokens of a block that are in any stop-word list, computed when first asked for."""
    hits = block.hits
    if hits is None:
        hits = block.hits = list(filter(_all_stopwords().__contains__, block.tokens))
    return hits


def _cue_family(block: _Block) -> str | None:
    """Return the family of the cue phrase the block is, or opens with, if any."""
    norm = block.norm
    # Stripping takes no token away and a trailing count at most one: a block of many more tokens than
    # the longest cue line is none.
    if len(block.tokens) <= _line_cue_tokens() + 1:
        bare = norm.strip(_CUE_STRIP)
        if bare[-1:].isdigit():
            bare = _TRAILING_COUNT.sub("", bare)
        family = lexicon.cues().line.get(bare)
        if family is not None:
            return family
    if block.length <= 30:
        for phrase, family in _start_cues().get(norm.split(" ", 1)[0].rstrip(":"), ()):
            if norm.startswith(phrase):
                rest = norm[len(phrase) : len(phrase) + 3]
                if not rest or rest.lstrip()[:1] in _CUE_SEPARATORS:
                    return family
                # "Most read in World", "Latest from Top News": a heading over other stories.
                if family == "teaser" and rest[:1] == " " and block.length <= 8 and not block.terminal:
                    return family
    return None


# The longest block (in words) that one cue phrase makes junk.
_CUE_WORDS = 45


def _has_family(block: _Block) -> str | None:
    if _has_screen().search(block.norm) is None:
        return None
    match = _has_pattern().search(block.norm)
    return None if match is None else lexicon.cues().has[match.group(0)]


def _is_credit(block: _Block) -> bool:
    """Tell whether a block looks like a photo credit ("Jane Doe/Reuters", "Photo: AP")."""
    if block.length > 12 or (block.text.endswith((".", "!", "?")) and block.length > 3):
        return False
    if _agency().search(block.text) is None:
        return False
    return block.length <= 4 or _CREDIT_SHAPE.match(block.text) is not None


def _rule_of(block: _Block, options: CleanOptions) -> str | None:
    """Return the junk rule family a block falls under, if any."""
    text = block.text
    norm = block.norm
    length = block.length
    family = _cue_family(block)
    if family is not None:
        return family
    if text.endswith(_TRUNCATED) or (length <= _READ_MORE_WORDS and _READ_MORE.search(norm[-40:]) is not None):
        # A blurb cut short or closed by a "Read more" link: a teaser of another page.
        return "teaser"
    if length <= 30 and text[0] in "oOmMaArR" and _SITE_PROMO.match(text):
        return "promo"
    if length <= _LABELLED_WORDS and not block.terminal and text[0].isupper() and _CAPS_LABEL.match(text) is not None:
        # "SEE ALSO: Other headline": a label in capitals over the headline of another story.
        return "promo"
    if length <= 20 and text[0].isdigit() and _COMMENT_COUNT.match(text) is not None:
        # '11 responses to "Headline"': the heading of the comments.
        return "tail"
    if ("(@" in text and _TWEET_SIGNATURE.search(text)) or ("#" in text and _HASHTAG_OPENING.match(text)):
        return "social"
    if length <= 6 and _READING_TIME.match(norm):
        return "reading-time"
    if length <= _CUE_WORDS:
        family = _has_family(block)
        if family is not None and (family != "caption" or length <= options.max_caption_words):
            return family
    elif length <= 400 and _has_any(norm, _LONG_BLOCK_SIGNS):
        # A long block full of legal or sign-up phrases (a market-data disclaimer, a cookie notice).
        hits = _has_pattern().findall(norm) if _has_screen().search(norm) is not None else []
        families = [lexicon.cues().has[hit] for hit in hits]
        for family in ("footer", "prompt"):
            if families.count(family) >= 3:
                return family
    if block.words <= 3 and ("_" in text or "." in text) and " " not in text and _FILE_NAME.fullmatch(text) is not None:
        # "dp3_1_en", "IMG_2034.jpg": the name of an image file standing for the image.
        return "caption"
    if length <= _CAPTION_CREDIT_WORDS and _ends_with_credit(norm):
        # "The hall after the storm. Photo: Jane Doe", "... / (c) Agency": a caption closed by its credit.
        return "caption"
    if (length <= 12 and _is_credit(block)) or (
        (norm[0].isdigit() or norm.startswith(_GALLERY_WORDS)) and _GALLERY_COUNTER.match(norm) is not None
    ):
        return "caption"
    if length <= 15 and norm.startswith("follow") and _FOLLOW.match(norm) is not None:
        return "prompt"
    if block.words >= 7 and not block.terminal and text.isupper():
        # "SENATE PASSES THE BUDGET AFTER A LONG NIGHT": a link to another story, in capitals.
        return "promo"
    if length <= 40 and ("@" in text or "#" in text) and len(_HANDLE_OR_TAG.findall(text)) >= 3:
        return "social"
    return None


def _classify(block: _Block, options: CleanOptions) -> int:
    """Return the class of a block by its shape: prose, near-prose, short or bad."""
    length = block.length
    sw = block.stopwords
    if block.links and block.links / max(length, 1.0) > options.max_link_density:
        block.linky = True
        return _BAD
    prose = sw is None or sw >= options.min_stopword_density
    if block.text.endswith(("...", "…")):
        return _NEAR if length > options.short_words and prose else _BAD
    if block.terminal and length >= options.min_words and prose:
        return _GOOD
    if length >= 2.5 * options.min_words and prose and _SENTENCE_END.search(block.text) is not None:
        return _GOOD
    if length >= 3 * options.min_words and (sw is None or sw >= options.min_stopword_density / 2):
        return _GOOD
    if block.terminal and length > options.short_words and block.text[-1:] not in ":|":
        return _NEAR
    if length >= 2 * options.min_words and sw is not None and sw >= 2 * options.min_stopword_density:
        return _NEAR if _caps(block) < 0.5 else _BAD
    if length <= options.short_words:
        return _SHORT
    return _BAD
