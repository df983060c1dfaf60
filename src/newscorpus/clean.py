"""Remove boilerplate from scraped news text and lift its metadata into fields.

>>> from newscorpus.types import Article
>>> raw = (
...     "Home\\nWorld\\nBusiness\\n\\nTalks stall in Minsk\\n\\nBy Jane Doe and John Roe\\n\\n"
...     "MINSK, Feb 25 (Reuters) - Talks between the two delegations ended on Monday without a deal, "
...     "officials said.Also Read - Another Story Of The Day\\n\\n"
...     "Both sides will return to their capitals for consultations before the next round of talks.\\n\\n"
...     "Most read\\n\\nFirst other headline\\n\\nSecond other headline"
... )
>>> article = clean(Article(raw=raw))
>>> print(article.text)
MINSK, Feb 25 (Reuters) - Talks between the two delegations ended on Monday without a deal, officials said.
<BLANKLINE>
Both sides will return to their capitals for consultations before the next round of talks.
>>> article.title, article.authors, article.outlet
('Talks stall in Minsk', ('Jane Doe', 'John Roe'), 'Reuters')
>>> sorted({removal.rule for removal in article.removals})
['metadata.byline', 'metadata.title', 'navigation', 'promo', 'tail', 'teaser']

How it works
------------
The text is cut into blocks (its lines). Each block is described by general
evidence: its length (in words; a Chinese or Japanese character counts half a
word), whether it ends like a sentence, its share of stop words (lists for
several languages ship as data), of links, handles and hashtags, of capitalised
words, and cue phrases (tables of menu items, "Also Read", "Most read", share,
newsletter and cookie prompts, photo credits, ... in several languages, also
data). A block that matches a rule family is junk; the others are prose,
near-prose, short or bad (headline-like, link-heavy).

The main run of body text is the stretch of blocks with the largest sum of
weights: prose counts by its length, everything else against it, long stretches
without prose more than the sum of their items, and prose that follows a
"Most read" heading or a share prompt hardly at all until two paragraphs follow
each other again (lists of other stories alternate one blurb with headlines).
The header above a byline or date line at the top of the run is cut off, and so
is a list of items that repeat a byline or date line (other stories, comments).
Inside the run, junk and the headlines listed under a teaser heading are
dropped, and repeated paragraphs are kept once. A list that closes the body
(tour dates after "dates:") is kept. A text too short to hold prose ("Talks
ended on Monday.", a two-word note) keeps its longest block that matches no
rule family. Everything before the run is navigation,
everything after it the tail. The headline, publication date, byline and
agency are lifted from the blocks around the run; an in-text dateline stays.

The cuts are made as :meth:`Article.remove <newscorpus.types.Article.remove>`
makes them, one rule family after another (in a single pass), so ``text`` stays
a concatenation of stretches of ``raw``, and each removal is recorded with the
name of its rule family (:func:`rule_families`).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import operator
import re
from collections.abc import Callable, Iterable
from typing import Any, cast

import attrs

from newscorpus import _clean_lexicon as lexicon
from newscorpus._dates import find_leading_date
from newscorpus.errors import OptionsError, SpanError
from newscorpus.types import Article, Removal, Segment

__all__ = ["CleanOptions", "RuleFamily", "UserRule", "clean", "rule_families"]

#: A user cleaning rule: any callable that takes an article and returns it
#: cleaned, removing text with :meth:`Article.remove <newscorpus.types.Article.remove>`.
UserRule = Callable[[Article], Article]


# ---------------------------------------------------------------------------
# Options and rule families


def _check_flag(instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        raise OptionsError(f"{attribute.name} must be True or False, got {value!r}")


def _check_words(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1000:
        raise OptionsError(f"{attribute.name} must be an integer from 1 to 1000, got {value!r}")


def _check_share(instance: object, attribute: attrs.Attribute[float], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
        raise OptionsError(f"{attribute.name} must be a number from 0 to 1, got {value!r}")


def _to_rules(value: object) -> tuple[UserRule, ...]:
    if callable(value):
        return (cast(UserRule, value),)
    if isinstance(value, (str, bytes)):
        raise OptionsError(f"extra_rules must be a sequence of callables, got {value!r}")
    try:
        rules = tuple(cast(Iterable[Any], value))
    except TypeError:
        raise OptionsError(f"extra_rules must be a sequence of callables, got {value!r}") from None
    for rule in rules:
        if not callable(rule):
            raise OptionsError(f"extra_rules must hold callables taking and returning an Article, got {rule!r}")
    return rules


@attrs.frozen(kw_only=True)
class CleanOptions:
    """What :func:`clean` removes and lifts, and its thresholds.

    >>> CleanOptions(captions=False).captions
    False
    >>> CleanOptions(short_words=12, min_words=10)
    Traceback (most recent call last):
    ...
    newscorpus.errors.OptionsError: short_words (12) must be below min_words (10)

    Switches, all on by default, turn rule families on and off (see
    :func:`rule_families`): ``navigation`` (menus and page chrome before the
    body), ``tails`` (teaser lists and everything after the body),
    ``promotions`` ("Also Read - ..."), ``social`` (embedded posts),
    ``captions`` (captions and photo credits), ``prompts`` (share, newsletter,
    cookie and comment prompts, copyright lines and agency credits),
    ``duplicates`` (repeated paragraphs) and ``metadata`` (the headline, date
    lines, bylines and reading-time lines are removed and lifted into fields;
    with it off, no field is filled and those lines are judged like any other).
    A block of a family that is off is kept.

    Thresholds: ``min_words`` is the length (in words) from which a block
    that ends like a sentence is prose; ``short_words`` the length up to which
    a block is short (a menu item, a label); ``max_caption_words`` the longest
    block read as a caption; ``min_stopword_density`` the share of stop words
    prose has at least; ``max_link_density`` the share of links, handles and
    hashtags above which a block is link junk. ``extra_rules`` are
    :data:`UserRule` callables run in order after the built-in rules.

    .. versionadded:: 0.1.0
    """

    navigation: bool = attrs.field(default=True, validator=_check_flag)
    tails: bool = attrs.field(default=True, validator=_check_flag)
    promotions: bool = attrs.field(default=True, validator=_check_flag)
    social: bool = attrs.field(default=True, validator=_check_flag)
    captions: bool = attrs.field(default=True, validator=_check_flag)
    prompts: bool = attrs.field(default=True, validator=_check_flag)
    duplicates: bool = attrs.field(default=True, validator=_check_flag)
    metadata: bool = attrs.field(default=True, validator=_check_flag)
    min_words: int = attrs.field(default=10, validator=_check_words)
    short_words: int = attrs.field(default=4, validator=_check_words)
    max_caption_words: int = attrs.field(default=50, validator=_check_words)
    min_stopword_density: float = attrs.field(default=0.12, validator=_check_share)
    max_link_density: float = attrs.field(default=0.3, validator=_check_share)
    extra_rules: tuple[UserRule, ...] = attrs.field(default=(), converter=_to_rules)

    def __attrs_post_init__(self) -> None:
        if self.short_words >= self.min_words:
            raise OptionsError(f"short_words ({self.short_words}) must be below min_words ({self.min_words})")


@attrs.frozen(kw_only=True)
class RuleFamily:
    """A built-in family of cleaning rules.

    >>> family = rule_families()[0]
    >>> family.name, family.option
    ('navigation', 'navigation')

    ``name`` is the rule name recorded on every :class:`~newscorpus.types.Removal`
    it makes, ``option`` the :class:`CleanOptions` switch that turns it off
    (``None``: always on).

    .. versionadded:: 0.1.0
    """

    name: str
    option: str | None
    description: str


_FAMILIES = (
    RuleFamily(name="navigation", option="navigation", description="menus and page chrome before the body"),
    RuleFamily(name="tail", option="tails", description="everything after the body, share and comment blocks"),
    RuleFamily(name="teaser", option="tails", description="'Most read', 'Related' headings and their headlines"),
    RuleFamily(name="promo", option="promotions", description="'Also Read - ...', 'READ MORE: ...' promotions"),
    RuleFamily(name="social", option="social", description="embedded tweets and Instagram, Facebook, YouTube posts"),
    RuleFamily(name="caption", option="captions", description="image captions and photo credits"),
    RuleFamily(name="prompt", option="prompts", description="newsletter, subscription, cookie and comment prompts"),
    RuleFamily(name="footer", option="prompts", description="copyright lines and '(with agency inputs)' credits"),
    RuleFamily(name="duplicate", option="duplicates", description="a paragraph repeated in the page"),
    RuleFamily(name="metadata.title", option="metadata", description="the headline, lifted into Article.title"),
    RuleFamily(name="metadata.date", option="metadata", description="date lines, lifted into Article.date"),
    RuleFamily(name="metadata.byline", option="metadata", description="bylines, lifted into Article.authors"),
    RuleFamily(name="reading-time", option="metadata", description="'1 min read' lines"),
    RuleFamily(name="whitespace", option=None, description="blank lines and spaces left over by the other cuts"),
)
_OPTION_OF = {family.name: family.option for family in _FAMILIES}


def rule_families() -> tuple[RuleFamily, ...]:
    """Return the built-in rule families.

    >>> [family.name for family in rule_families()][:4]
    ['navigation', 'tail', 'teaser', 'promo']

    .. versionadded:: 0.1.0
    """
    return _FAMILIES


def _enabled(rule: str, options: CleanOptions) -> bool:
    option = _OPTION_OF.get(rule)
    return option is None or bool(getattr(options, option))


# ---------------------------------------------------------------------------
# Patterns (every quantifier is bounded)

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

# "in Ukraine.Also Read - Headline", "said. ALSO READ: Headline": a promotion glued to the end of a sentence.
_GLUED_CUES = (
    "Also Read",
    "ALSO READ",
    "Also See",
    "ALSO SEE",
    "Read More",
    "READ MORE",
    "Read Also",
    "READ ALSO",
    "See More",
    "SEE MORE",
    "See Also",
    "SEE ALSO",
    "Recommended",
    "RECOMMENDED",
    "Related",
    "RELATED",
    "Don't Miss",
    "DON'T MISS",
    "Don\u2019t Miss",
    "DON\u2019T MISS",
    "Watch",
    "WATCH",
    "Must Read",
    "MUST READ",
)
_SENTENCE_CLOSERS = frozenset(".!?”\"’'")
# "(Photo: AFP)", "(Image: Getty)" inside a paragraph.
_INLINE_CREDIT = re.compile(
    r"[ \t]{0,3}\((?:photo|image|picture|pic|foto|file photo|representational image|credit)s?[ \t]{0,2}:?[ \t]{0,2}"
    r"[^()\n]{1,60}\)",
    re.IGNORECASE,
)
# What every inline credit opens with: a cheap test that the text may hold one.
_CREDIT_OPENER = re.compile(
    r"\((?:photo|image|picture|pic|foto|file photo|representational image|credit)", re.IGNORECASE
)
_CREDIT_SIGNS = ("(photo", "(image", "(picture", "(pic", "(foto", "(file photo", "(representational", "(credit")
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
_READING_TIME = re.compile(
    r"^(?:(?:reading time|read time|lesezeit|temps de lecture|tiempo de lectura|tempo de leitura|"
    r"tempo di lettura|время чтения)[ \t]{0,3}:?[ \t]{0,3})?(?:about[ \t]{1,3})?\d{1,3}[ \t]{0,3}"
    r"(?:-|to|–)?[ \t]{0,3}\d{0,3}[ \t]{0,3}(?:min(?:ute)?s?\.?|мин\.?|分)[ \t]{0,3}"
    r"(?:read|reading|read time|de lecture|de leitura|di lettura|lesezeit|чтения|で読めます)?\.?$"
)
_BYLINE = re.compile(
    r"^(?:by|von|por|par|di|oleh|door|автор|written by|words by|reporting by)[ \t]{0,3}:?[ \t]{1,3}"
    r"(?P<names>[^\n]{1,200})$",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÞА-ЯЁ][\w'’.-]{0,40}|[A-Z]\.|(?:de|da|van|von|der|del|la|le|bin|al|el|di))$")
_NAME_SPLIT = re.compile(r"[ \t]{0,3}(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bи\b)[ \t]{0,3}")
# "MINSK, Feb 25 (Reuters) -", "HAYWARD, Calif. (AP) —", "(CNN Business)": an agency dateline.
_DATELINE = re.compile(
    r"^(?:[A-ZÀ-Þ][\w.'’-]{0,30}(?:[ \t][A-ZÀ-Þ][\w.'’-]{0,30}){0,3},?[ \t]{0,3}(?:[A-Z][\w.]{0,20}[ \t]{0,3}){0,3}"
    r"(?:\d{1,2}[ \t]{0,3})?)?"
    r"\((?P<agency>[A-Z][\w&.'’-]{0,30}(?:[ \t][A-Z][\w&.'’-]{0,30}){0,3})\)[ \t]{0,3}(?:[-–—]{1,2}|:)?"
)
# "... in the coming days…reports Asian Lite News": a teaser naming its outlet.
_REPORTS = re.compile(
    r"(?:…|\.\.\.|[.,;])[ \t]{0,3}\.?[ \t]{0,3}reports[ \t]{1,3}(?P<outlet>[A-Z][\w&'’.-]{0,30}"
    r"(?:[ \t][A-Z][\w&'’.-]{0,30}){0,5})"
)
_REPORTS_LEAD = 10
_REPORTED = re.compile(r"(?P<outlet>[A-Z][\w&'’.-]{1,30}(?:[ \t][A-Z][\w&'’.-]{1,30}){0,4})[ \t]reported\b")
_REPORTED_LEAD = 160
_DOMAIN = re.compile(
    r"(?:https?://)?(?:www\.)?(?P<domain>[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9][a-z0-9-]{0,62}){0,3}"
    r"\.(?:com|org|net|co\.uk|co\.in|com\.au|in|news|tv|ca|de|fr|it|ru|jp|kr|br|com\.br|id|co\.id))(?:/|\s|$)",
    re.IGNORECASE,
)
_SOCIAL_DOMAINS = frozenset(
    {"twitter.com", "t.co", "facebook.com", "instagram.com", "youtube.com", "youtu.be", "linkedin.com", "tiktok.com"}
)
_CREDIT_SHAPE = re.compile(r"^[^\n]{0,80}?(?:/|\||\bvia\b|,)[ \t]{0,3}[^\n]{0,80}$")
# "Photo: Jane Doe", "Image by John Roe | Agency": a credit line (lower-case text).
_CREDIT_OPENING = re.compile(r"^(?:photo|image|picture|credit|foto|bild|фото)s?(?:[ \t]{1,3}by)?[ \t]{0,3}[:|]|^getty")
# "1 / 8", "Image 1 of 13", "1of4A shopper looks at ...": the counter of a photo gallery (lower-case text).
_GALLERY_COUNTER = re.compile(
    r"^(?:(?:image|photo|picture|slide)[ \t]{0,2})?\d{1,3}[ \t]{0,2}of[ \t]{0,2}\d{1,3}"
    r"|^\d{1,3}[ \t]{1,2}/[ \t]{1,2}\d{1,3}$"
)
_GALLERY_WORDS = ("image", "photo", "picture", "slide")
# "Follow Newsbeat on Instagram", "Follow RT on": a prompt to follow an account (lower-case text).
_FOLLOW = re.compile(r"^follow[ \t](?:[^\n]{0,60}[ \t])?on(?:[ \t:]|$)")
_TIME_OF_DAY = re.compile(r"\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?[ \t]{0,2}(?:[ap]\.?m\.?)?")
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
def _glued_promo() -> re.Pattern[str]:
    """A promotion cue and its separator (``Also Read -``); the promotion runs from it to the end of its line."""
    return re.compile(rf"(?:{_trie(_GLUED_CUES)})[ \t\u00a0]{{0,3}}[-–—:|>»]")


# The longest promotion glued to a sentence, from its cue to the end of its line.
_GLUED_PROMO_CHARS = 400


def _glued_promo_cuts(text: str) -> list[tuple[int, int, str]]:
    """Return the cuts of the promotions glued to the end of a sentence: ``in Ukraine.Also Read - Headline``.

    On each line the leftmost cue followed by 1 to 400 characters up to the
    end of the line opens a promotion, cut when a sentence ends just before
    it. The line then ends where the cut starts, so the leftmost cue before
    it that now fits opens the next one, and so on: a second cleaning finds
    nothing more to cut.
    """
    cuts: list[tuple[int, int, str]] = []
    heads: dict[int, list[re.Match[str]]] = {}
    line_end = -1
    for head in _glued_promo().finditer(text):
        if line_end < head.end():
            line_end = text.find("\n", head.end())
            line_end = len(text) if line_end < 0 else line_end
        heads.setdefault(line_end, []).append(head)
    for line_end, found in heads.items():
        ends = [h.end() for h in found]
        end = line_end
        while True:
            index = bisect.bisect_left(ends, end - _GLUED_PROMO_CHARS)
            if index == len(ends) or ends[index] >= end:
                break
            head = found[index]
            start = head.start()
            while start > 0 and text[start - 1] in " \t\u00a0":
                start -= 1
            if start == 0 or text[start - 1] not in _SENTENCE_CLOSERS:
                break
            cuts.append((start, end, "promo"))
            end = start
    return cuts


@functools.cache
def _glued_screens() -> tuple[re.Pattern[str], ...]:
    """One of them matches where a promotion cue is: a quick test before :func:`_glued_promo`."""
    return tuple(re.compile(pattern) for pattern in _screen(_GLUED_CUES))


@functools.cache
def _agency() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_trie(lexicon.words('agency'))})\b")


@functools.cache
def _date_patterns() -> tuple[re.Pattern[str], ...]:
    """Dates with a year, in lower-case text: ISO, with a month name (several languages), numeric."""
    month = "(?P<mon>" + _trie(lexicon.months()) + r")\.?"
    ordinal = r"(?:st|nd|rd|th|er|º)?"
    space = r"[ \t\u00a0]{1,3}"
    year = r"(?P<y>(?:19|20)\d\d)"
    return (
        re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"),
        re.compile(rf"\b{month},?{space}(?P<d>\d{{1,2}}){ordinal},?{space}{year}\b"),
        re.compile(rf"(?<!\d)(?P<d>\d{{1,2}}){ordinal}\.?{space}(?:de{space})?{month},?{space}(?:de{space})?{year}\b"),
        re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)(?!\d)"),
        re.compile(r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d\d)(?!\d)"),
        re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[./](?P<m>\d{1,2})[./](?P<d>\d{1,2})(?!\d)"),
        re.compile(r"(?P<y>(?:19|20)\d\d)年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"),
    )


def _find_date(text: str) -> tuple[dt.date, int, int] | None:
    """Return the first date written in *text* (lower case) and its span, or ``None``."""
    if _YEAR_HINT.search(text) is None:
        return None
    best: tuple[dt.date, int, int] | None = None
    for pattern in _date_patterns():
        match = pattern.search(text)
        if match is None or (best is not None and match.start() >= best[1]):
            continue
        groups = match.groupdict()
        month = lexicon.month_number(groups["mon"]) if groups.get("mon") else int(groups["m"])
        if month is None:
            continue
        day = int(groups["d"])
        if "/" in match.group(0) and month > 12 >= day:
            month, day = day, month
        try:
            best = (dt.date(int(groups["y"]), month, day), match.start(), match.end())
        except ValueError:
            continue
    return best


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


# ---------------------------------------------------------------------------
# Blocks

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
    offset = 0
    newlines = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = offset + len(line) - len(line.lstrip())
            blocks.append(_Block(stripped, start, newlines, plain, linked))
            newlines = 0
        offset += len(line) + 1
        newlines += 1
    return blocks


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


# ---------------------------------------------------------------------------
# Rules


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
    if text.endswith(_TRUNCATED):
        return "teaser"
    if length <= 30 and text[0] in "oOmMaArR" and _SITE_PROMO.match(text):
        return "promo"
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


def _is_date_line(block: _Block) -> dt.date | None:
    """Return the date of a block that is a date line ("Published 11:34 PM EST Nov 19, 2019"), else ``None``."""
    norm = block.norm
    if block.length > 22 or ("19" not in norm and "20" not in norm) or _YEAR_HINT.search(norm) is None:
        return None
    found = _find_date(block.norm)
    if found is None:
        return None
    date, start, end = found
    rest = _TIME_OF_DAY.sub(" ", block.norm[:start] + " " + block.norm[end:])
    allowed = lexicon.words("date-word") | lexicon.words("weekday")
    words = [word for word in _TOKEN.findall(rest) if word not in allowed and not word.isdigit()]
    return date if len(words) <= 6 else None


def _byline(block: _Block) -> tuple[str, ...] | None:
    """Return the authors of a byline ("By Jane Doe and John Roe | Updated ..."), else ``None``."""
    if block.length > 16:
        return None
    if block.text[0].lower() not in "bvpdoаwr":
        return None
    match = _BYLINE.match(block.text)
    if match is None:
        return None
    stop = lexicon.words("name-stop")
    found: list[str] = []
    for part in _NAME_SPLIT.split(match.group("names")):
        words: list[str] = []
        ended = False
        for word in part.split():
            if word.casefold() in stop or not _NAME_WORD.match(word):
                ended = True
                break
            words.append(word)
        if 1 <= len(words) <= 5:
            found.append(" ".join(words))
        if ended or len(found) >= 6:
            break
    return tuple(found) or None


# ---------------------------------------------------------------------------
# The main run of body text


def _weight(block: _Block) -> float:
    """Return the weight of a block in the main run, which its class (and rule) set; a gone block counts 0."""
    if block.cls == _GOOD:
        return min(block.length, 150.0)
    if block.cls == _NEAR:
        return max(block.length * 0.4, 1.0)
    if block.cls == _SHORT:
        return -1.0
    if block.cls == _BAD:
        return -2.0
    if block.rule in ("teaser", "tail"):
        return -8.0
    return -3.0


# Three markers (bylines, date lines, comment signatures) each within this many blocks of the
# next make a list of items.
_MARKER_GAP = 8
# The weight of prose from which a run counts as having seen body text.
_BODY_SEEN = 40.0


def _main_run(blocks: list[_Block]) -> tuple[int, int]:
    """Return ``(first, last)`` of the stretch of blocks with the largest sum of weights (``last < first``: none)."""
    best = 0.0
    best_span = (0, -1)
    running = 0.0
    start = 0
    streak = 0
    after_cue = False
    previous_good = False
    for index, block in enumerate(blocks):
        if block.gone:
            continue
        weight = block.weight
        # After a "Most read" heading or a share prompt, prose counts little until two paragraphs follow
        # each other again: lists of other stories alternate one blurb with headlines and labels.
        if block.rule in ("teaser", "tail", "prompt"):
            after_cue = after_cue or running >= _BODY_SEEN
        elif after_cue and block.cls >= _NEAR:
            if previous_good and block.cls == _GOOD:
                after_cue = False
            else:
                weight *= 0.1
        previous_good = block.cls == _GOOD
        # A long stretch without prose (a menu, a footer) weighs more than the sum of its items.
        if weight < 0:
            weight *= 1.0 + min(streak, 60) / 30
            streak += 1
        else:
            streak = 0
        if running <= 0.0:
            running = weight
            start = index
        else:
            running += weight
        if running > best:
            best = running
            best_span = (start, index)
    return best_span


def _trim_run(blocks: list[_Block], first: int, last: int, markers: list[int]) -> tuple[int, int]:
    """Cut the header (above a byline or date line) and lists of items (repeated markers) off the run."""
    total = sum([0.0 if b.gone else b.gain for b in blocks[first : last + 1]])
    inside = [i for i in markers if first <= i <= last]
    for mark in inside:
        before = sum([0.0 if b.gone else b.gain for b in blocks[first:mark]])
        if before > 0.25 * total or sum(1 for b in blocks[first:mark] if b.cls >= _NEAR) > 3:
            break
        first = mark + 1
    # Markers that repeat once the body has started: a list of other stories, or comments.
    later = [i for i in inside if i >= first]
    for position, mark in enumerate(later[:-2]):
        if later[position + 2] - mark <= 2 * _MARKER_GAP:
            last = min(last, mark - 1)
            break
    if last < first:
        return first, last
    # The best run inside what is left: the run a second cleaning finds.
    sub_first, sub_last = _main_run(blocks[first : last + 1])
    return first + sub_first, first + sub_last


def _skeleton(text: str) -> str:
    return "".join(char for char in text if not char.isalnum() and not char.isspace())


def _list_after(blocks: list[_Block], last: int) -> tuple[int | None, bool, list[int]]:
    """Return the candidate list that follows block *last*: its lead-in line, whether it is led in, its items.

    A list is led in when the body's last block, or a short line after it, ends with a colon. Its
    items are the lines that follow and that the run left out: short or headline-like, not prose,
    junk or links.
    """
    lead = blocks[last].text.endswith(":")
    index = last + 1
    lead_in: int | None = None
    after = blocks[index] if index < len(blocks) else None
    if not lead and after is not None and after.cls in (_BAD, _SHORT) and not after.linky and after.text.endswith(":"):
        lead = True
        lead_in = index
        index += 1
    items: list[int] = []
    while index < len(blocks) and len(items) < 200:
        block = blocks[index]
        if not block.gone:
            if block.cls not in (_BAD, _SHORT) or block.linky:
                break
            items.append(index)
        index += 1
    return lead_in, lead, items


def _is_list(blocks: list[_Block], lead: bool, items: list[int]) -> bool:
    """Tell whether *items* make a list: two or more after a lead-in, else three or more sharing their punctuation."""
    if len(items) < 2:
        return False
    if lead:
        return True
    skeletons: dict[str, int] = {}
    for item in items:
        key = _skeleton(blocks[item].text)
        skeletons[key] = skeletons.get(key, 0) + 1
    top = max(skeletons, key=lambda key: (skeletons[key], key))
    return len(items) >= 3 and bool(top) and skeletons[top] >= 0.6 * len(items)


# ---------------------------------------------------------------------------
# The plan: which blocks stay


@attrs.define
class _Plan:
    """What the block pass decided: the blocks, which are kept, and the metadata found."""

    blocks: list[_Block]
    keep: list[bool]
    body: tuple[int, int]
    dates: list[tuple[int, dt.date]]
    bylines: list[tuple[int, tuple[str, ...]]]
    title: int | None


def _plan(text: str, options: CleanOptions, title: str | None) -> _Plan:
    blocks = _blocks(text)
    fitting = _has_stopword_language(blocks)
    captioned = False
    for block in blocks:
        _score_stopwords(block, fitting)
        block.cls = _classify(block, options)
        rule = _rule_of(block, options)
        if rule is not None and _enabled(rule, options):
            block.rule, block.cls = rule, _JUNK
            captioned = captioned or rule == "caption"
    if captioned:
        # The line above a photo credit is its caption ("Readers in the hall." / "Jane Doe/AP"), and a
        # gallery repeats its captions.
        for previous, block, after in zip(blocks, blocks[1:], [*blocks[2:], None], strict=False):
            if (
                block.rule == "caption"
                and (_is_credit(block) or _CREDIT_OPENING.match(block.norm) is not None)
                and previous.rule is None
                and previous.length <= options.max_caption_words
                and (after is None or after.rule != "caption")
            ):
                previous.rule, previous.cls = "caption", _JUNK
        captions = {block.key for block in blocks if block.rule == "caption" and block.length >= 5}
        for block in blocks:
            if block.rule is None and block.key in captions:
                block.rule, block.cls = "caption", _JUNK

    # Bylines, date lines and comment signatures: metadata, and markers of lists of items.
    dates: list[tuple[int, dt.date]] = []
    bylines: list[tuple[int, tuple[str, ...]]] = []
    markers: list[int] = []
    for index, block in enumerate(blocks):
        if block.rule is not None or (block.cls == _GOOD and block.length > 16):
            continue
        if block.length <= 12 and block.text.endswith(":") and _COMMENT_SIGNATURE.match(block.text):
            markers.append(index)
            if options.tails:
                block.rule, block.cls = "tail", _JUNK
            continue
        authors = _byline(block)
        if authors is not None:
            bylines.append((index, authors))
            markers.append(index)
            if options.metadata:
                block.rule, block.cls = "metadata.byline", _JUNK
            continue
        date = _is_date_line(block)
        if date is not None:
            dates.append((index, date))
            markers.append(index)
            if options.metadata:
                block.rule, block.cls = "metadata.date", _JUNK

    # Prose dropped inside the run (a repeat, a blurb under "Most read") no longer holds the run
    # together: the run is found again without it, as a second cleaning would find it. The class and
    # rule of a block, and so its weight, no longer change while the run is looked for.
    for block in blocks:
        block.weight = _weight(block)
        block.gain = max(block.weight, 0.0)
    for _ in range(_SELECTION_ROUNDS):
        keep, listed, names = _select(blocks, options, markers)
        dropped = [
            block
            for index, block in enumerate(blocks)
            if not keep[index]
            and not block.gone
            and block.cls >= _NEAR
            and (block.rule == "duplicate" or names.get(index) == "teaser")
        ]
        if not dropped:
            break
        for block in dropped:
            block.gone = True
    for index, name in names.items():
        blocks[index].rule = name

    # The body opens and closes with prose (or a closing list).
    kept = [i for i, k in enumerate(keep) if k]
    while kept and blocks[kept[0]].cls < _NEAR:
        keep[kept.pop(0)] = False
    while kept and blocks[kept[-1]].cls < _NEAR and kept[-1] not in listed:
        keep[kept.pop()] = False
    if not kept:
        kept = _lone_block(blocks)
        for index in kept:
            keep[index] = True
    body = (kept[0], kept[-1]) if kept else (len(blocks), len(blocks) - 1)
    marks = sorted(index for index, _ in (*dates, *bylines))
    title_index = _pick_title(blocks, body[0], title, marks) if options.metadata else None
    return _Plan(blocks=blocks, keep=keep, body=body, dates=dates, bylines=bylines, title=title_index)


def _lone_block(blocks: list[_Block]) -> list[int]:
    """Return the block kept from a text without a run of body text: ``[index]``, or ``[]``.

    A text too short for prose ("Talks ended on Monday.", a two-word note)
    is all the body there is: its longest block of two words or more that
    matches no rule family is kept, one that ends like a sentence first.
    """
    best: tuple[bool, float, int] | None = None
    for index, block in enumerate(blocks):
        if block.rule is not None or block.gone or block.linky or block.length < 2:
            continue
        rank = (block.terminal, block.length, -index)
        if best is None or rank > best:
            best = rank
    return [] if best is None else [-best[2]]


def _select(
    blocks: list[_Block], options: CleanOptions, markers: list[int]
) -> tuple[list[bool], set[int], dict[int, str]]:
    """Find the main run and decide which of its blocks stay.

    Returns which blocks stay, the blocks of a closing list, and the rule of each block dropped inside
    the run without a rule of its own.
    """
    first, last = _main_run(blocks)
    if last >= first:
        first, last = _trim_run(blocks, first, last, markers)
    # A list that closes the body (tour dates after "dates:", a table of results) stays with it.
    lead_in: int | None = None
    lead = False
    items: list[int] = []
    listed: set[int] = set()
    if last >= first:
        lead_in, lead, items = _list_after(blocks, last)
        if _is_list(blocks, lead, items):
            listed = set(items) if lead_in is None else {lead_in, *items}
            last = max(listed)

    keep = [False] * len(blocks)
    names: dict[int, str] = {}
    in_list = False
    for index in range(first, last + 1):
        block = blocks[index]
        if block.gone:
            continue
        if block.cls == _JUNK:
            # Under a "Most read" heading or after a promotion, headlines follow until prose resumes.
            in_list = in_list or block.rule in ("teaser", "promo", "tail")
            continue
        if in_list and block.cls != _GOOD and index not in listed:
            names[index] = "teaser"
            continue
        in_list = False
        if block.linky:
            names[index] = "navigation"
            continue
        keep[index] = True

    if options.duplicates:
        _drop_duplicates(blocks, keep)
    if listed and (
        (lead_in is not None and not keep[lead_in]) or not _is_list(blocks, lead, [i for i in items if keep[i]])
    ):
        # What is left of the list must still make one, with the line that leads into it.
        for index in listed:
            keep[index] = False
        listed = set()
    return keep, listed, names


# How often the run is found again after prose inside it was dropped.
_SELECTION_ROUNDS = 4
# How many later copies a paragraph is compared with.
_DUPLICATE_WINDOW = 8


def _drop_duplicates(blocks: list[_Block], keep: list[bool]) -> None:
    """Keep one copy of each repeated paragraph.

    Of exact copies the first stays; of near copies (one a truncated form of
    the other, a teaser ending in "...reports Outlet"), the one that ends like
    a sentence, else the longer.
    """
    seen: set[str] = set()
    prefixes: dict[str, list[int]] = {}
    for index, block in enumerate(blocks):
        if not keep[index] or block.length < 10 or len(block.key) < 30:
            continue
        if block.key in seen:
            keep[index] = False
            block.rule = "duplicate"
            continue
        seen.add(block.key)
        prefixes.setdefault(block.key[:40], []).append(index)
    for group in prefixes.values():
        if len(group) < 2:
            continue
        for position, a in enumerate(group):
            for b in group[position + 1 : position + 1 + _DUPLICATE_WINDOW]:
                if not keep[a] or not keep[b]:
                    continue
                first, second = blocks[a], blocks[b]
                limit = min(len(first.key), len(second.key))
                common = 0
                while common < limit and first.key[common] == second.key[common]:
                    common += 1
                if common < 0.75 * limit:
                    continue
                drop = a if (second.terminal, len(second.key)) > (first.terminal, len(first.key)) else b
                keep[drop] = False
                blocks[drop].rule = "duplicate"


# ---------------------------------------------------------------------------
# Metadata


def _title_score(block: _Block, repeated: bool, distance: int) -> float:
    """Score a block as the headline: a short line, no sentence, no label; repeated in the page is a plus."""
    if block.rule is not None and block.rule != "teaser":
        return -1.0
    if block.linky or not 2 <= block.length <= 30 or (block.words == 0 and block.length < 4):
        return -1.0
    text = block.text
    if (text.endswith(".") and not text.endswith("...")) or text.endswith((":", "|")) or "(opens" in block.norm:
        return -1.0
    norm = block.norm
    if (
        "@" in text
        or (("." in norm or ":" in norm) and _TIME_OF_DAY.search(norm) is not None)
        or _agency().search(text) is not None
    ):
        return -1.0
    score = 1.0
    if repeated:
        score += 2.0
    if 4 <= block.length <= 20:
        score += 1.0
    elif block.length < 4:
        score -= 1.0
    if _caps(block) >= 0.5:
        score += 0.5
    if block.cls == _SHORT and block.length < 3:
        score -= 1.0
    return score - 0.15 * distance


# How far above the body (or above a byline or date line) the headline is looked for; how many
# blocks are read for repeats of a headline.
_TITLE_WINDOW = 15
_TITLE_REPEATS = 400


def _pick_title(blocks: list[_Block], body_first: int, existing: str | None, marks: list[int]) -> int | None:
    """Return the index of the headline (the block equal to *existing*, if given), if any.

    The headline is looked for above the first byline or date line of the header, else above the body.
    """
    if existing is not None:
        wanted = lexicon.normalize_phrase(existing)
        for index in range(min(body_first, len(blocks))):
            if blocks[index].norm == wanted:
                return index
        return None
    header = [mark for mark in marks if body_first - _TITLE_WINDOW <= mark < body_first]
    page = "\x00".join(block.key for block in blocks[:_TITLE_REPEATS])
    for anchor in ([min(header)] if header else []) + [body_first]:
        lower = max(0, anchor - _TITLE_WINDOW)
        best: tuple[float, int] | None = None
        for index in range(anchor - 1, lower - 1, -1):
            block = blocks[index]
            if len(block.key) < 8:
                continue
            score = _title_score(block, page.count(block.key) > 1, anchor - 1 - index)
            if score > 0 and (best is None or score > best[0]):
                best = (score, index)
        if best is not None:
            return best[1]
    return None


# How many blocks at the top of a page are searched for the outlet besides the body.
_OUTLET_HEAD = 300


def _outlet(blocks: list[_Block], first: int, last: int, text: str) -> str | None:
    """Return the outlet: an agency dateline, "...reports Outlet", a site's domain, "Outlet reported".

    *text* is the text the blocks are lines of.
    """
    if first <= last:
        match = _DATELINE.match(blocks[first].text) if "(" in blocks[first].text else None
        if match is not None:
            return match.group("agency")
    for block in (*blocks[:_OUTLET_HEAD], *blocks[max(first, _OUTLET_HEAD) : last + 1]) if "reports" in text else ():
        found = block.text.find("reports")
        if found >= 0:
            # A match opens at most _REPORTS_LEAD characters before the word.
            match = _REPORTS.search(block.text, max(0, found - _REPORTS_LEAD))
            if match is not None:
                return match.group("outlet").rstrip(".")
    for block in blocks[: min(max(first, 0), _OUTLET_HEAD)]:
        if block.length <= 12 and "." in block.text:
            match = _DOMAIN.search(block.text)
            if match is not None and match.group("domain").casefold() not in _SOCIAL_DOMAINS:
                return match.group("domain").casefold()
    for block in blocks[max(first, 0) : last + 1] if "reported" in text else ():
        found = block.text.find("reported")
        if found >= 0:
            # A match opens at most _REPORTED_LEAD characters before the word.
            match = _REPORTED.search(block.text, max(0, found - _REPORTED_LEAD))
            if match is not None and match.start() > 0:
                return match.group("outlet")
    return None


# ---------------------------------------------------------------------------
# Cuts


def _cut_plan(text: str, blocks: list[_Block], keep: list[bool]) -> list[tuple[int, int, str]]:
    """Turn the kept blocks into cuts ``(start, end, rule)``, tidying the white space between them.

    A removed block takes the white space before it along under its own rule;
    between two kept blocks one line break stays (two where a paragraph ended
    anywhere in between), and nothing before the first or after the last.
    """
    cuts: list[tuple[int, int, str]] = []
    pending: list[_Block] = []
    blank = False
    previous_end: int | None = None
    for index, block in enumerate(blocks):
        if previous_end is not None:
            blank = blank or block.newlines >= 2
        if not keep[index]:
            pending.append(block)
            continue
        _cut_range(text, previous_end, block.start, pending, blank, cuts)
        pending = []
        blank = False
        previous_end = block.end
    _cut_range(text, previous_end, None, pending, blank, cuts)
    return cuts


def _cut_range(
    text: str,
    start: int | None,
    end: int | None,
    removed: list[_Block],
    blank: bool,
    cuts: list[tuple[int, int, str]],
) -> None:
    """Cut ``start:end`` (``None``: the edge of the text) but for the line breaks that stay between two blocks."""
    position = 0 if start is None else start
    wanted = (2 if blank else 1) if start is not None and end is not None else 0
    rule = "whitespace"
    for block in removed:
        rule = block.rule or "navigation"
        wanted = _cut_space(text, position, block.start, wanted, rule, cuts)
        cuts.append((block.start, block.end, rule))
        position = block.end
    _cut_space(text, position, len(text) if end is None else end, wanted, rule, cuts)


def _cut_space(text: str, start: int, end: int, wanted: int, rule: str, cuts: list[tuple[int, int, str]]) -> int:
    """Cut the white space ``start:end`` but for its first *wanted* line breaks; return how many are still wanted."""
    position = start
    while wanted > 0 and position < end:
        newline = text.find("\n", position, end)
        if newline < 0:
            break
        if newline > position:
            cuts.append((position, newline, rule))
        wanted -= 1
        position = newline + 1
    if end > position:
        cuts.append((position, end, rule))
    return wanted


def _apply_cuts(
    article: Article, cuts: Iterable[tuple[int, int, str]], updates: dict[str, Any] | None = None
) -> Article:
    """Remove the stretches ``(start, end, rule)`` of ``article.text`` and set the fields *updates*.

    Where a cut is claimed by several rules, the first (by offset, then rule name) takes it. The
    result is the article :meth:`Article.remove <newscorpus.types.Article.remove>` makes when called
    once per rule, in the order of the rule names, built in a single pass.
    """
    claimed = _claim(cuts)
    if not claimed:
        return attrs.evolve(article, **updates) if updates else article
    if article.segments is None:
        # The text is the raw text (``clean`` checks that it is aligned).
        segments: Iterable[tuple[int, int, int]] = ((0, 0, len(article.text)),)
    elif _maximal(article.segments):
        segments = ((s.text_start, s.raw_start, s.length) for s in article.segments)
    else:
        article = _remove_by_rule(article, claimed)
        return attrs.evolve(article, **updates) if updates else article
    raw = article.raw
    # Kept stretches as [text_start, raw_start, length], merged where they meet in raw.
    kept: list[list[int]] = []
    removed: list[Removal] = []
    count = len(claimed)
    index = 0
    position = 0
    for seg_start, raw_start, length in segments:
        seg_end = seg_start + length
        shift = raw_start - seg_start
        cursor = seg_start
        while cursor < seg_end:
            while index < count and claimed[index][1] <= cursor:
                index += 1
            if index < count and claimed[index][0] <= cursor:
                stop = min(claimed[index][1], seg_end)
                removed.append(
                    Removal(
                        start=cursor + shift,
                        end=stop + shift,
                        text=raw[cursor + shift : stop + shift],
                        rule=claimed[index][2],
                    )
                )
            else:
                stop = seg_end if index >= count else min(seg_end, claimed[index][0])
                if kept and kept[-1][1] + kept[-1][2] == cursor + shift:
                    kept[-1][2] += stop - cursor
                else:
                    kept.append([position, cursor + shift, stop - cursor])
                position += stop - cursor
            cursor = stop
    text = "".join([raw[raw_start : raw_start + length] for _, raw_start, length in kept])
    if article.removals or article.segments is not None:
        removals = tuple(sorted((*article.removals, *removed), key=lambda r: (r.start, r.end)))
    else:
        # Cut from the raw text in order: sorted already.
        removals = tuple(removed)
    changes = {} if updates is None else updates
    return attrs.evolve(
        article,
        text=text,
        segments=tuple([Segment(text_start=t, raw_start=r, length=n) for t, r, n in kept]),
        removals=removals,
        **changes,
    )


def _claim(cuts: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Return the cuts in order, without overlaps (the first by offset, then rule name, claims a stretch).

    Touching cuts of one rule are merged.
    """
    claimed: list[tuple[int, int, str]] = []
    position = 0
    for start, end, rule in sorted(cuts):
        start = max(start, position)
        if end <= start:
            continue
        if claimed and claimed[-1][1] == start and claimed[-1][2] == rule:
            claimed[-1] = (claimed[-1][0], end, rule)
        else:
            claimed.append((start, end, rule))
        position = end
    return claimed


def _maximal(segments: tuple[Segment, ...]) -> bool:
    """Tell whether no segment is empty and no two neighbours continue each other in raw."""
    previous: Segment | None = None
    for segment in segments:
        if not segment.length or (previous is not None and previous.raw_start + previous.length == segment.raw_start):
            return False
        previous = segment
    return True


def _remove_by_rule(article: Article, claimed: list[tuple[int, int, str]]) -> Article:
    """Remove the disjoint stretches ``(start, end, rule)`` of ``article.text`` with one ``remove`` per rule."""
    by_rule: dict[str, list[tuple[int, int]]] = {}
    for start, end, rule in claimed:
        by_rule.setdefault(rule, []).append((start, end))
    done: list[tuple[int, int]] = []
    for rule in sorted(by_rule):
        # Offsets shift by what the rules before this one took out.
        done.sort()
        ends = [end for _, end in done]
        shifts = [0]
        for start, end in done:
            shifts.append(shifts[-1] + end - start)
        mapped = []
        for start, end in by_rule[rule]:
            shift = shifts[bisect.bisect_right(ends, start)]
            mapped.append((start - shift, end - shift))
        article = article.remove(mapped, rule=rule)
        done.extend(by_rule[rule])
    return article


def _inline_cuts(article: Article, options: CleanOptions) -> tuple[Article, dt.date | None]:
    """Cut what sits inside a line: a date prefix, glued promotions, photo credits in a paragraph."""
    text = article.text
    cuts: list[tuple[int, int, str]] = []
    date: dt.date | None = None
    head = find_leading_date(text) if options.metadata else None
    if head is not None:
        found, start, end = head
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        after = text[end : len(text) if line_end < 0 else line_end]
        if after.strip():
            # " date 2022-02-25 In a massive development, ...": the prefix goes, the sentence stays.
            date = found
            cuts.append((line_start, end + len(after) - len(after.lstrip()), "metadata.date"))
    if options.promotions and _any_match(_glued_screens(), text):
        cuts.extend(_glued_promo_cuts(text))
    if options.captions and _CREDIT_OPENER.search(text) is not None and _has_any(text.lower(), _CREDIT_SIGNS):
        paragraph: dict[int, bool] = {}
        line_start = scanned = 0
        for match in _INLINE_CREDIT.finditer(text):
            line_start = max(line_start, text.rfind("\n", scanned, match.start()) + 1)
            scanned = match.start()
            # Only inside a paragraph: a short block with a credit is a caption as a whole.
            if line_start not in paragraph:
                line_end = text.find("\n", match.end())
                line = text[line_start : len(text) if line_end < 0 else line_end]
                paragraph[line_start] = sum(1 for _ in itertools.islice(_TOKEN.finditer(line), 40)) >= 40
            if paragraph[line_start]:
                cuts.append((match.start(), match.end(), "caption"))
    return _apply_cuts(article, cuts), date


# ---------------------------------------------------------------------------
# The cleaner


_DEFAULT_OPTIONS = CleanOptions()


def clean(article: Article, /, *, options: CleanOptions | None = None) -> Article:
    """Return *article* with ``text`` holding the article body only.

    >>> from newscorpus.types import Article
    >>> raw = ("February 28, 2022\\n1 min read\\n\\nNo headway in truce talks\\n\\n"
    ...        "The two delegations met for nearly five hours in Belarus on Monday, both sides said.\\n\\n"
    ...        "They will return to their capitals for consultations before the next round.")
    >>> article = clean(Article(raw=raw))
    >>> article.text.splitlines()[0]
    'The two delegations met for nearly five hours in Belarus on Monday, both sides said.'
    >>> article.date, article.title
    (datetime.date(2022, 2, 28), 'No headway in truce talks')

    The headline, publication date, authors and outlet found in the text fill
    ``title``, ``date``, ``authors`` and ``outlet`` where the article has none
    yet. ``raw`` is never changed: every removal is recorded in ``removals``
    with the name of its rule family, and ``text`` stays aligned with ``raw``.
    Cleaning a cleaned article changes nothing.

    Raises :class:`~newscorpus.errors.OptionsError` for options that are not
    :class:`CleanOptions` or a user rule that returns no article, and
    :class:`~newscorpus.errors.SpanError` for an article whose ``text`` was
    changed without an alignment to ``raw``.

    .. versionadded:: 0.1.0
    """
    if not isinstance(cast(object, article), Article):
        raise OptionsError(f"clean() takes an Article, got {type(article).__name__}")
    if options is None:
        options = _DEFAULT_OPTIONS
    elif not isinstance(cast(object, options), CleanOptions):
        raise OptionsError(f"options must be CleanOptions, got {type(options).__name__}")
    if not article.is_aligned:
        raise SpanError(f"article {article.id}: text was changed without an alignment to raw; it cannot be cleaned")
    article, prefix_date = _inline_cuts(article, options)
    article = _clean_blocks(article, options, prefix_date)
    for rule in options.extra_rules:
        result = rule(article)
        if not isinstance(cast(object, result), Article):
            raise OptionsError(f"cleaning rule {rule!r} returned {type(result).__name__}, not an Article")
        article = result
    return article


def _clean_blocks(article: Article, options: CleanOptions, prefix_date: dt.date | None) -> Article:
    text = article.text
    if not text.strip():
        return article.remove([(0, len(text))], rule="whitespace")
    plan = _plan(text, options, article.title)
    blocks, keep = plan.blocks, plan.keep
    body_first, body_last = plan.body

    updates: dict[str, Any] = {}
    if options.metadata:
        if plan.title is not None:
            if article.title is None:
                updates["title"] = blocks[plan.title].text
            if not keep[plan.title]:
                blocks[plan.title].rule = "metadata.title"
        if article.date is None:
            header_dates = [date for index, date in plan.dates if index < body_first or not keep[index]]
            date = prefix_date or (header_dates[0] if header_dates else None)
            if date is not None:
                updates["date"] = date
        if not article.authors and plan.bylines:
            updates["authors"] = plan.bylines[0][1]
        if article.outlet is None:
            outlet = _outlet(blocks, body_first, body_last, text)
            if outlet is not None:
                updates["outlet"] = outlet

    # Name what goes: before the body it is navigation, after it the tail.
    enabled: dict[str, bool] = {}
    for index, block in enumerate(blocks):
        if keep[index]:
            continue
        if block.rule is None:
            block.rule = "navigation" if index < body_first else ("tail" if index > body_last else "teaser")
        if block.rule not in enabled:
            enabled[block.rule] = _enabled(block.rule, options)
        if not enabled[block.rule]:
            keep[index] = True

    return _apply_cuts(article, _cut_plan(text, blocks, keep), updates)
