"""Pruning around and inside the chosen body: loose lines, teasers, the page speaking of itself, duplicates.

The body run is chosen in :mod:`newscorpus.clean.body`; the passes here then
drop what the run took in but is not the article: short lines that are not
running language unless they form a structured stretch (steps, a table),
headlines over blurbs closing the body, paragraphs in which the page speaks
of itself, its reader or its author, and paragraphs repeated nearby.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import re

from newscorpus import _clean_lexicon as lexicon
from newscorpus.clean.blocks import _BAD, _GOOD, _NEAR, _SHORT, _Block, _has_any

__all__: list[str] = []


def _skeleton(text: str) -> str:
    return "".join(char for char in text if not char.isalnum() and not char.isspace())


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


# "Archive (12)", "Sport (3)": a link with the number of items behind it.
# The longest line (in words) read as a link with a count; a longer one is a row of a table.
_COUNTED_WORDS = 5
_ITEM_COUNT = re.compile(r"\(\d{1,6}\)$")


def _counted_links(blocks: list[_Block], stretch: list[int]) -> bool:
    """Tell whether most lines of a stretch end with a count in brackets: categories or an archive, not a body."""
    counted = sum(
        1 for index in stretch if blocks[index].length <= _COUNTED_WORDS and _ITEM_COUNT.search(blocks[index].text)
    )
    return counted >= 0.5 * len(stretch)


# The share of stop words from which short lines read as running language.
_LINE_STOPWORDS = 0.3
_DIGIT = re.compile(r"\d")
# "12 eggs", "Step 3", "Total: 4", "- Flour", "x = f()": a line with a number, a label and value, a list
# marker, or the punctuation of code.
_STRUCTURED = re.compile(r"\d|^[-–•*·▪►]|^[^\n:]{1,40}:[ \t]{1,3}\S|:$|[={};$_]|\(\)")


def _is_structured(blocks: list[_Block], stretch: list[int]) -> bool:
    """Tell whether a stretch of short lines is a structured part of the body: a list, a table, steps.

    Most of its lines (two or more) hold a number, a "label: value" pair or a list marker, or share
    their punctuation.
    """
    if len(stretch) < 2 or _counted_links(blocks, stretch):
        return False
    regular = sum(1 for index in stretch if _STRUCTURED.search(blocks[index].text) is not None)
    if regular >= 0.5 * len(stretch) or _is_list(blocks, False, stretch):
        return True
    # Verse, bullet points written as phrases: short lines of running language, not names and labels.
    shares = [blocks[index].stopwords for index in stretch]
    known = [share for share in shares if share is not None]
    return len(stretch) >= 3 and bool(known) and sum(known) / len(known) >= _LINE_STOPWORDS


# The fewest headline and blurb pairs that make a list of other stories closing the body.
_TEASER_PAIRS = 3
# The longest blurb (in words) of such a list.
_BLURB_WORDS = 35


def _drop_trailing_teasers(blocks: list[_Block], keep: list[bool], names: dict[int, str]) -> None:
    """Drop a list of other stories closing the body: three or more headlines, each over a short blurb.

    Sections of an article alternate subheadings and paragraphs too, but their paragraphs are
    longer; blurbs are a sentence or two.
    """
    kept = [index for index, flag in enumerate(keep) if flag]
    pairs: list[int] = []
    position = len(kept) - 1
    while position >= 1:
        blurb, head = blocks[kept[position]], blocks[kept[position - 1]]
        if not (blurb.cls >= _NEAR and blurb.length <= _BLURB_WORDS and head.cls in (_SHORT, _BAD)):
            break
        pairs.extend((kept[position], kept[position - 1]))
        position -= 2
    if len(pairs) >= 2 * _TEASER_PAIRS and len(pairs) < len(kept):
        for index in pairs:
            keep[index] = False
            names[index] = "teaser"


def _drop_loose_lines(blocks: list[_Block], keep: list[bool], listed: set[int], names: dict[int, str]) -> None:
    """Drop the short lines inside the body that are neither a subheading nor part of a structured stretch.

    A stretch of short or headline-like lines between two paragraphs stays when it is structured
    (:func:`_is_structured`); else only a line or two directly over a paragraph stay (subheadings).
    Menus, labels and the headlines of other stories are what is left.
    """
    kept = [index for index, flag in enumerate(keep) if flag]
    stretch: list[int] = []
    for index in [*kept, -1]:
        block = blocks[index] if index >= 0 else None
        if block is not None and block.cls in (_SHORT, _BAD) and index not in listed:
            stretch.append(index)
            continue
        if stretch and not _is_structured(blocks, stretch):
            # One or two lines over a paragraph are its subheading, and one line over a
            # structured core (the heading "Ingredients" over the lines of a list).
            heading = 2 if block is not None and block.cls >= _NEAR else 0
            stays = set(stretch[-heading:]) if heading else set()
            core = _structured_core(blocks, stretch) if heading else None
            if core is not None:
                stays.update(stretch[max(core[0] - 1, 0) : core[1] + 1])
            for item in stretch:
                if item not in stays:
                    keep[item] = False
                    names[item] = "teaser"
        stretch = []


# The fewest lines of a structured core inside a stretch of short lines.
_CORE_LINES = 4


def _structured_core(blocks: list[_Block], stretch: list[int]) -> tuple[int, int] | None:
    """Return the positions (first, last) in *stretch* of its structured core, or ``None``.

    A list inside the body often comes with labels around it ("Ingredients", "Steps", share
    buttons): the core runs from the first to the last line holding a number, a "label: value"
    pair or a list marker, and is structured when most of its lines are.
    """
    regular = [position for position, index in enumerate(stretch) if _STRUCTURED.search(blocks[index].text)]
    if len(regular) < _CORE_LINES:
        return None
    first, last = regular[0], regular[-1]
    if len(regular) < 0.6 * (last - first + 1):
        return None
    return (first, last) if not _counted_links(blocks, stretch[first : last + 1]) else None


# The longest paragraph (in words) read as the page speaking of itself: longer ones are running prose.
_SELF_WORDS = 120
# German addresses the reader with capitalised pronouns: inside a sentence they can mean nothing else.
_FORMAL_ADDRESS = re.compile(r"(?<=[\w,;] )(?:Sie|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihnen)\b")
_QUOTES = ('"', "“", "”", "«", "»", "„")
_QUOTE_MARKS = frozenset(_QUOTES)
# The fewest words of a quoted stretch read as speech or a title: fewer are a button's name ("OK").
_QUOTED_WORDS = 3


def _quotes(text: str) -> bool:
    """Tell whether a text quotes someone: a stretch of three words or more between two quotation marks.

    The marks are paired in turn, the first with the second, the third with the fourth.
    """
    if not _has_any(text, _QUOTES):
        return False
    marks = [index for index, char in enumerate(text) if char in _QUOTE_MARKS]
    if len(marks) == 1:
        # An opening mark without its end: the quote runs on beyond the block.
        return True
    return any(
        len(text[start + 1 : end].split()) >= _QUOTED_WORDS for start, end in zip(marks[::2], marks[1::2], strict=False)
    )


# "Jane Doe is a senior writer", "Max Muster ist Redakteur": a paragraph describing a person.
_BIO_OPENING = re.compile(
    r"^[A-ZÀ-Þ][\w'’.-]{1,30}(?:[ \t][A-ZÀ-Þ][\w'’.-]{1,30}){1,3}[ \t](?:is|ist|est|es|è|é|jest)[ \t]"
)


def _speaks_of_itself(block: _Block) -> bool:
    """Tell whether a paragraph is the page speaking of itself, in any language it has words for.

    So it is when it addresses the reader or speaks as the site ("you", "wir") and names the page's
    own things (a newsletter, cookies, comments, a licence, a donation) or holds an address (a
    link, an e-mail address); or when it opens by describing a person ("Jane Doe is a writer ...")
    and names the page's things or addresses the reader.
    """
    if block.length > _SELF_WORDS or _quotes(block.text):
        # Quoted or reported speech is running prose whatever its words.
        return False
    tokens = set(block.tokens)
    reader = not tokens.isdisjoint(lexicon.words("reader")) or (
        ("Ihr" in block.text or "Sie" in block.text) and _FORMAL_ADDRESS.search(block.text) is not None
    )
    site = not tokens.isdisjoint(lexicon.words("site"))
    page = len(tokens & lexicon.words("page"))
    if (reader and page) or (site and page >= 2) or (block.links and (reader or site)):
        return True
    return (reader or site or page > 0) and _BIO_OPENING.match(block.text) is not None


# The longest paragraph (in words) inside the body read as an inserted appeal to the reader.
_APPEAL_WORDS = 30


def _appeals(block: _Block) -> bool:
    """Tell whether a short paragraph addresses the reader about the page's own things ("subscribe to our ...")."""
    # The page's words are the rarer sign: looked for first.
    if lexicon.words("page").isdisjoint(block.tokens) or _quotes(block.text):
        return False
    return not lexicon.words("reader").isdisjoint(block.tokens) or (
        ("Ihr" in block.text or "Sie" in block.text) and _FORMAL_ADDRESS.search(block.text) is not None
    )


# "Jane Doe is a reporter", "Max has worked as": a paragraph opening with a name and a verb of being or having.
_NAMED_OPENING = re.compile(
    r"^(?P<name>[A-ZÀ-Þ][\w'’.-]{1,30}(?:[ \t][A-ZÀ-Þ][\w'’.-]{1,30}){0,3})[ \t]"
    r"(?:is|has|was|ist|hat|war|est|a|était|es|ha|era|è|é|foi|jest|był|była)[ \t]"
)
# The longest line (in words) read as a line naming the author (a byline, "About Jane Doe").
_NAME_LINE_WORDS = 5
# A one-word name found on this many short lines of the page names the site ("Acme Careers", "© Acme").
_NAME_LINES = 3


def _author_bio(blocks: list[_Block], block: _Block) -> bool:
    """Tell whether a paragraph describes a person the page names on a line of its own: its author.

    The name is taken from the page itself: a bio opens with the name ("Jane Doe is a reporter
    ...", "Jane has written ...") that a short line of the page holds too (the byline, "About
    Jane Doe"). Quoted or reported speech is running prose.
    """
    if block.length > _SELF_WORDS or _quotes(block.text):
        return False
    match = _NAMED_OPENING.match(block.text)
    if match is None:
        return False
    name = match.group("name").casefold().split()
    position = blocks.index(block)
    lines = 0
    for index, other in enumerate(blocks):
        if index == position or other.length > _NAME_LINE_WORDS or not all(word in other.tokens for word in name):
            continue
        # One capitalised word is a name ("Jane has written ...", "Acme is a maker of ...") in a byline, in
        # a heading right over the paragraph ("About Acme") or in lines all over the page (the site's
        # name in its menus); else it may be a noun.
        lines += 1
        if (
            len(name) >= 2
            or other.rule == "metadata.byline"
            or position - 2 <= index < position
            or lines >= _NAME_LINES
        ):
            return True
    return False


def _drop_self_reference(blocks: list[_Block], keep: list[bool], names: dict[int, str]) -> None:
    """Drop the paragraphs at the end of the body in which the page speaks of itself or its author.

    Newsletter, donation and comment prompts, licence notes and author bios close many articles.
    From the last kept block backwards, such paragraphs and the short lines between them go,
    up to the first paragraph of running text; one stays if nothing else would. Inside the
    body, short appeals to the reader about the page's things go too (:func:`_appeals`).
    """
    kept = [index for index, flag in enumerate(keep) if flag]
    dropped: list[int] = []
    passed: list[int] = []
    for index in reversed(kept):
        block = blocks[index]
        if block.cls < _NEAR:
            passed.append(index)
            continue
        if not _speaks_of_itself(block) and not _author_bio(blocks, block):
            break
        dropped.extend(passed)
        dropped.append(index)
        passed = []
    if dropped and len(dropped) + len(passed) < len(kept):
        for index in dropped:
            keep[index] = False
            names[index] = "prompt"
    # Inside the body, a short paragraph only goes when it both addresses the reader and names the
    # page's things: an inserted appeal ("Sign up for our newsletter ..."), not reported speech.
    inside = [index for index in kept if keep[index]]
    for index in inside[:-1]:
        block = blocks[index]
        if block.cls >= _NEAR and block.length <= _APPEAL_WORDS and _appeals(block):
            keep[index] = False
            names[index] = "prompt"


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


# The longest paragraph (in words) a closing label may lead into: a longer one is the body going on.
_LED_PARAGRAPH_WORDS = 20


def _drop_closing_label(blocks: list[_Block], keep: list[bool], names: dict[int, str]) -> None:
    """Drop a short label ending in a colon near the end of the body and the lines it leads into.

    "Share:", "Tags:", "Read also:" close many pages over buttons, tags or headlines: a label of a
    word or two (no number) after the body's paragraphs, followed only by short lines that are not
    structured (:func:`_is_structured`: no list of steps, no table) and by no paragraph of more
    than a few lines, is where the body ended.
    """
    kept = [index for index, flag in enumerate(keep) if flag]
    for position in range(len(kept) - 1, 0, -1):
        block = blocks[kept[position]]
        if block.cls >= _NEAR and block.length > _LED_PARAGRAPH_WORDS:
            return
        if block.cls != _SHORT or not block.text.endswith(":") or _DIGIT.search(block.text) is not None:
            continue
        rest = kept[position + 1 :]
        if not rest or _is_structured(blocks, rest):
            return
        if not any(blocks[index].cls == _GOOD for index in kept[:position]):
            return
        for index in kept[position:]:
            keep[index] = False
            names[index] = "teaser"
        return
