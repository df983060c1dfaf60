"""Body selection: which blocks of a text make the article body.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import collections
import datetime as dt
import itertools
import re

import attrs

from newscorpus.clean.blocks import (
    _BAD,
    _COMMENT_SIGNATURE,
    _CREDIT_OPENING,
    _GOOD,
    _JUNK,
    _NEAR,
    _SHORT,
    _Block,
    _blocks,
    _classify,
    _has_stopword_language,
    _is_credit,
    _rule_of,
    _score_stopwords,
)
from newscorpus.clean.metadata import _byline, _is_date_line, _pick_title
from newscorpus.clean.options import CleanOptions, _enabled
from newscorpus.clean.pruning import (
    _BLURB_WORDS,
    _STRUCTURED,
    _counted_links,
    _drop_closing_label,
    _drop_duplicates,
    _drop_loose_lines,
    _drop_self_reference,
    _drop_trailing_teasers,
    _is_list,
)

__all__: list[str] = []


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


@attrs.define
class _Plan:
    """What the block pass decided: the blocks, which are kept, and the metadata found."""

    blocks: list[_Block]
    keep: list[bool]
    body: tuple[int, int]
    dates: list[tuple[int, dt.date]]
    bylines: list[tuple[int, tuple[str, ...]]]
    title: int | None


# "Pumps at dusk. Photo: Jane Doe": a credit line holding its own caption, a sentence closed before the credit.
_OWN_CAPTION = re.compile(r"[^\W\d_A-ZÀ-Þ]{2}[.!?][ \t]")


def _plan(text: str, options: CleanOptions, title: str | None) -> _Plan:
    blocks = _blocks(text)
    fitting = _has_stopword_language(blocks)
    captioned = False
    # The evidence of a block depends on its line text alone: a repeated line takes it from its first copy.
    judged: dict[str, _Block] = {}
    for block in blocks:
        first = judged.setdefault(block.text, block)
        if first is not block:
            block.stopwords, block.hits, block.linky = first.stopwords, first.hits, first.linky
            block.rule, block.cls = first.rule, first.cls
            continue
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
                and _OWN_CAPTION.search(block.text) is None
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
    # What a line says as a marker depends on its text alone: a repeated line is read once.
    read: dict[str, tuple[bool, tuple[str, ...] | None, dt.date | None]] = {}
    for index, block in enumerate(blocks):
        if block.rule is not None or (block.cls == _GOOD and block.length > 16):
            continue
        marker = read.get(block.text)
        if marker is None:
            marker = read[block.text] = _marker(block)
        signature, authors, date = marker
        if signature:
            markers.append(index)
            if options.tails:
                block.rule, block.cls = "tail", _JUNK
            continue
        if authors is not None:
            bylines.append((index, authors))
            markers.append(index)
            if options.metadata:
                block.rule, block.cls = "metadata.byline", _JUNK
            continue
        if date is not None:
            dates.append((index, date))
            markers.append(index)
            if options.metadata:
                block.rule, block.cls = "metadata.date", _JUNK

    _repeated_items(blocks, options, text)
    if options.social:
        _social_posts(blocks)

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

    # The body opens and closes with prose (or a closing list); a short sentence right after the last
    # paragraph ("Both sides agreed.") is prose too.
    kept = [i for i, k in enumerate(keep) if k]
    while kept and blocks[kept[0]].cls < _NEAR:
        keep[kept.pop(0)] = False
    while kept and blocks[kept[-1]].cls < _NEAR and kept[-1] not in listed:
        keep[kept.pop()] = False
    if options.tails and len(kept) >= 3 and _first_item_closes(blocks, kept, listed):
        # The heading of a list of other stories and its first headline ("Related" / "Other story").
        for index in kept[-2:]:
            keep[index] = False
            blocks[index].rule = "teaser"
        del kept[-2:]
    if kept and options.tails:
        continued = _paragraph_after_box(blocks, kept[-1])
        if continued is not None:
            keep[continued] = True
            kept.append(continued)
    if kept:
        closing = _next_live(blocks, kept[-1])
        if closing is not None and _short_sentence(blocks[closing]) and _next_live(blocks, closing) is None:
            keep[closing] = True
            kept.append(closing)
    if not kept:
        kept = _lone_block(blocks)
        for index in kept:
            keep[index] = True
    else:
        above = _structured_above(blocks, kept[0])
        for index in above:
            keep[index] = True
        kept[:0] = above
    if kept and options.metadata:
        lead = _standfirst(blocks, kept[0], {index for index, _ in (*dates, *bylines)})
        # A standfirst repeated in the body is kept once, where the body has it.
        if lead is not None and blocks[lead].key not in {blocks[index].key for index in kept}:
            keep[lead] = True
            kept.insert(0, lead)
    body = (kept[0], kept[-1]) if kept else (len(blocks), len(blocks) - 1)
    marks = sorted(index for index, _ in (*dates, *bylines))
    title_index = _pick_title(blocks, body[0], title, marks) if options.metadata else None
    return _Plan(blocks=blocks, keep=keep, body=body, dates=dates, bylines=bylines, title=title_index)


def _marker(block: _Block) -> tuple[bool, tuple[str, ...] | None, dt.date | None]:
    """Return whether a block is a comment signature, else the authors of a byline, else the date of a date line."""
    if block.length <= 12 and block.text.endswith(":") and _COMMENT_SIGNATURE.match(block.text):
        return True, None, None
    authors = _byline(block)
    if authors is not None:
        return False, authors, None
    return False, None, _is_date_line(block)


# "Festival returns after two yearsThe organisers expect ...": a headline glued to its blurb, the
# first letters of the blurb right after the last letter of the headline.
_GLUED_HEADLINE = re.compile(r"^(?:[^\s]{1,40}[ \t]){2,14}[^\s]{0,39}[a-zà-ÿ0-9?!'’\"”)](?=[A-ZÀ-Þ][a-zà-ÿ ])")
_GLUE = re.compile(r"[a-zà-ÿ0-9?!'’\"”)][A-ZÀ-Þ][a-zà-ÿ ]")
# The shortest and longest block (in words) read as a headline glued to its blurb.
_GLUED_MIN_WORDS = 8
_GLUED_WORDS = 80
# Where the glued headline ends at the latest: fifteen words of up to forty characters.
_GLUED_HEAD_CHARS = 15 * 41 + 2
# The most blocks between two copies of a label that separates items ("Opinion", "Reply").
_LABEL_GAP = 3
# The longest item (in words) of a list separated by a repeated label.
_ITEM_WORDS = 60
# A label repeated this many times, each close to the next, separates a list of items.
_LABEL_REPEATS = 3


def _repeated_items(blocks: list[_Block], options: CleanOptions, text: str) -> None:
    """Mark the items of lists of other stories or comments by their repeated template, whatever their words.

    Two shapes are found: two or more blocks in a row that open with a headline glued to its blurb
    (no space or stop between a lower-case letter and a capital); and items separated by an
    identical short line (a section label, "Reply") repeated three times or more, at most three
    blocks apart: the labels and the blocks between them go.
    """
    if not options.tails:
        return
    live = [index for index, block in enumerate(blocks) if not block.gone and block.rule is None]
    # A block shorter than a glued headline and blurb is passed over before the call, a repeated line read once.
    read: dict[str, bool] = {}
    glued: list[int] = []
    for index in live:
        block = blocks[index]
        if block.length >= _GLUED_MIN_WORDS:
            opens = read.get(block.text)
            if opens is None:
                opens = read[block.text] = _glued_headline(block)
            if opens:
                glued.append(index)
    if len(glued) >= 2:
        # A word written with a capital inside it more than once in the page is a name ("MacBook").
        counts = collections.Counter(text.split())
        glued = [index for index in glued if counts[_glued_word(blocks[index])] == 1]
    run: list[int] = []
    for index in [*glued, -1]:
        if run and index >= 0 and _adjacent(blocks, run[-1], index):
            run.append(index)
            continue
        if len(run) >= 2:
            for item in run:
                blocks[item].rule, blocks[item].cls = "teaser", _JUNK
        run = [index]
    labels: dict[str, list[int]] = {}
    # Whether a line is a label depends on its text alone: a repeated line is judged once.
    judged: dict[str, bool] = {}
    for index in live:
        block = blocks[index]
        label = judged.get(block.text)
        if label is None:
            label = judged[block.text] = _is_label(block)
        if label:
            labels.setdefault(block.key, []).append(index)
    for found in labels.values():
        if len(found) < _LABEL_REPEATS:
            continue
        groups: list[list[int]] = [[found[0]]]
        for index in found[1:]:
            if index - groups[-1][-1] <= _LABEL_GAP + 1:
                groups[-1].append(index)
            else:
                groups.append([index])
        for group in groups:
            if len(group) < _LABEL_REPEATS:
                continue
            end = min(group[-1] + group[1] - group[0], len(blocks))
            # Blurbs and comments are short; sections of an article under a repeated rule are not.
            if any(blocks[item].length > _ITEM_WORDS for item in range(group[0], end)):
                continue
            if all(blocks[item].cls < _NEAR for item in range(group[0], group[-1])):
                # A menu repeated without prose between its copies: the last item after it is no prose either.
                end = next((item for item in range(group[-1], end) if blocks[item].cls >= _NEAR), end)
            for item in range(group[0], end):
                if blocks[item].rule is None:
                    blocks[item].rule, blocks[item].cls = "teaser", _JUNK


def _is_label(block: _Block) -> bool:
    """Tell whether a block may be a label separating items: a word or two opening with a letter.

    Not code ("@property"), not a function word ("On", "Off": the values of a table).
    """
    return bool(
        block.length <= 3
        and block.words
        and block.text[:1].isalpha()
        and not block.text.endswith(":")
        and block.stopwords != 1.0
        and any(map(str.isalpha, block.key))
    )


def _glued_headline(block: _Block) -> bool:
    """Tell whether a block opens with a headline glued to its blurb."""
    if not _GLUED_MIN_WORDS <= block.length <= _GLUED_WORDS or not block.text[:1].isupper():
        return False
    # A quick look for a capital right after a letter where the headline may end, before the full pattern.
    head = block.text[:_GLUED_HEAD_CHARS]
    return _GLUE.search(head) is not None and _GLUED_HEADLINE.match(head) is not None


def _glued_word(block: _Block) -> str:
    """Return the word of a block where its headline and blurb meet ("yearsThe")."""
    match = _GLUED_HEADLINE.match(block.text)
    end = match.end() if match is not None else 0
    start = block.text.rfind(" ", 0, end) + 1
    stop = block.text.find(" ", end)
    return block.text[start : len(block.text) if stop < 0 else stop]


def _blurb_in_list(blocks: list[_Block], index: int) -> bool:
    """Tell whether a short paragraph in a list under a "Top stories" heading is the blurb of a headline.

    So it is when a headline stands right above it, and above that headline another short
    paragraph, or the heading of the list with another headline below: headlines and blurbs in
    turn. Share buttons over a paragraph are several short lines in a row.
    """
    if blocks[index].length > _BLURB_WORDS:
        return False
    above = _previous_live(blocks, index)
    if above is None or blocks[above].cls not in (_SHORT, _BAD):
        return False
    before = _previous_live(blocks, above)
    if before is None:
        return False
    block = blocks[before]
    if block.cls == _GOOD and block.length <= _BLURB_WORDS:
        return True
    # Right under the heading, the list must go on below: one headline over a paragraph in a box
    # ("Related" / "Other headline") leads back into the body.
    below = next((i for i in range(index + 1, len(blocks)) if not blocks[i].gone and blocks[i].cls != _JUNK), None)
    return block.rule in ("teaser", "promo", "tail") and below is not None and blocks[below].cls in (_SHORT, _BAD)


def _previous_live(blocks: list[_Block], index: int) -> int | None:
    """Return the last block before *index* that is not gone, or ``None``."""
    for before in range(index - 1, -1, -1):
        if not blocks[before].gone:
            return before
    return None


def _heads_prose(blocks: list[_Block], index: int, last: int) -> bool:
    """Tell whether the next block after *index* (up to *last*) that is not junk is a paragraph."""
    for after in range(index + 1, last + 1):
        block = blocks[after]
        if block.gone or block.cls == _JUNK:
            continue
        return block.cls == _GOOD
    return False


def _adjacent(blocks: list[_Block], before: int, after: int) -> bool:
    """Tell whether only junk or gone blocks stand between two blocks."""
    return all(blocks[index].gone or blocks[index].cls == _JUNK for index in range(before + 1, after))


def _social_posts(blocks: list[_Block]) -> None:
    """Mark the text of an embedded post whose signature line ("— Name (@handle) March 3, 2022") was found.

    The line above a signature that opens its block belongs to the post when no blank line parts
    them or when it holds a handle, a hashtag or a link.
    """
    for previous, block in itertools.pairwise(blocks):
        if (
            block.rule == "social"
            and block.text[:1] in "—–-"
            and previous.rule is None
            and previous.length <= 80
            and (block.newlines <= 1 or previous.links)
        ):
            previous.rule, previous.cls = "social", _JUNK


# The most lines of a structured stretch taken in above the body.
_ABOVE_LINES = 60


def _structured_above(blocks: list[_Block], first: int) -> list[int]:
    """Return the structured stretch right above the body that belongs to it (ingredients, facts), or ``[]``.

    The short lines directly above the first paragraph, up to the first junk or prose block, are
    taken in when they are structured by their shape (numbers, "label: value", list markers) and
    hold no link.
    """
    stretch: list[int] = []
    for index in range(first - 1, max(first - _ABOVE_LINES, 0) - 1, -1):
        block = blocks[index]
        if block.gone:
            continue
        if block.cls not in (_SHORT, _BAD) or block.linky or block.rule is not None:
            break
        stretch.append(index)
    stretch.reverse()
    # The stretch opens with its first regular line.
    while stretch and _STRUCTURED.search(blocks[stretch[0]].text) is None:
        stretch.pop(0)
    if len(stretch) < 3:
        return []
    regular = sum(1 for index in stretch if _STRUCTURED.search(blocks[index].text) is not None)
    return stretch if regular >= 0.6 * len(stretch) and not _counted_links(blocks, stretch) else []


# How many blocks above the body a standfirst may stand.
_STANDFIRST_WINDOW = 10


# How many blocks after the header's byline or date line the body may start.
_ANCHOR_GAP = 4
# The share of the best run's prose a run anchored on the header needs to be taken instead.
_ANCHOR_SHARE = 0.25


def _anchored_run(blocks: list[_Block], markers: list[int], first: int, last: int) -> tuple[int, int] | None:
    """Return the run of prose that starts next to the header, when the best run lies far below it.

    The header (headline, byline, date line) sits right above the body. When the best run starts
    well after the first byline or date line of the page, and prose starts within a few blocks of
    that line, the run starting there is the body if it holds a fair share of the best run's prose:
    a long comment thread or cookie notice further down must not outweigh a shorter body.
    """
    if last < first or not markers:
        return None
    mark = markers[0]
    if mark >= first - _ANCHOR_GAP:
        return None
    start = next(
        (index for index in range(mark + 1, min(mark + 1 + _ANCHOR_GAP, first)) if blocks[index].cls == _GOOD),
        None,
    )
    if start is None:
        return None
    sub_first, sub_last = _main_run(blocks[start:first])
    if sub_last < sub_first or sub_first > 1:
        return None
    gain = sum(block.gain for block in blocks[start + sub_first : start + sub_last + 1] if not block.gone)
    best = sum(block.gain for block in blocks[first : last + 1] if not block.gone)
    if gain < _ANCHOR_SHARE * best:
        return None
    # The run from the header goes on as far as it gains, into the best run when it reaches it.
    return start + sub_first, max(start + sub_last, _run_end(blocks, start + sub_first, last))


# The most prose (in words) an item of a list of comments or reviews holds: the first marker of a list
# is one over a shorter stretch, not the date line of the article.
_ITEM_GAIN = 60.0
# The prose (in words) a run above a list of items needs to be the body rather than an item of the list.
_BEFORE_ITEMS_GAIN = 40.0


def _item_list_start(blocks: list[_Block], markers: list[int]) -> int | None:
    """Return where the first list of items opens: three markers close to each other, each over a short text."""
    for position, mark in enumerate(markers[:-2]):
        if markers[position + 2] - mark > 2 * _MARKER_GAP:
            continue
        # Each of the three items holds some text, and little: a byline next to a date line, or a date
        # line over the article, is the header of the article.
        ends = [*markers[position + 1 : position + 4], markers[position + 2] + _MARKER_GAP][:3]
        starts = markers[position : position + 3]
        items = [sum(block.gain for block in blocks[a:b] if not block.gone) for a, b in zip(starts, ends, strict=True)]
        if all(0.0 < item < _ITEM_GAIN for item in items):
            return mark
    return None


def _run_before_items(blocks: list[_Block], markers: list[int], first: int, last: int) -> tuple[int, int] | None:
    """Return the run of prose above a list of comments or reviews, when the best run lies in or after it.

    Comments and reviews follow the article they are about, each under a name and a date: when the
    best run starts below the first of three such markers close to each other, and prose stands
    above them, that prose is the article.
    """
    if last < first or len(markers) < 3:
        return None
    start = _item_list_start(blocks, markers)
    if start is None or last < start:
        return None
    if not any(first <= mark <= last for mark in markers) and any(first - 2 <= mark < first for mark in markers):
        # A run right after the list, with no marker inside it, is the rest of the article after a
        # gallery of dated pictures, not a comment.
        return None
    sub_first, sub_last = _main_run(blocks[:start])
    if sub_last < sub_first:
        return None
    gain = sum(block.gain for block in blocks[sub_first : sub_last + 1] if not block.gone)
    return (sub_first, sub_last) if gain >= _BEFORE_ITEMS_GAIN else None


def _run_end(blocks: list[_Block], start: int, stop: int) -> int:
    """Return where the run opening at *start* gains most, up to *stop* or until it has lost all it gained."""
    running = best = 0.0
    end = start
    streak = 0
    for index in range(start, stop + 1):
        block = blocks[index]
        if block.gone:
            continue
        weight = block.weight
        if weight < 0:
            weight *= 1.0 + min(streak, 60) / 30
            streak += 1
        else:
            streak = 0
        running += weight
        if running <= 0.0:
            # What follows does not hold together with the run: it is another stretch.
            break
        if running > best:
            best, end = running, index
    return end


def _standfirst(blocks: list[_Block], first: int, marks: set[int]) -> int | None:
    """Return the paragraph above the body that belongs to its header (a standfirst), or ``None``.

    The header of an article is a cluster of headline, standfirst, byline and date line, often
    with share buttons between it and the body. The nearest paragraph above the body, with no
    other prose in between, is its standfirst when a byline or date line stands next to it.
    A paragraph that matches a rule family or was dropped as a repeat is none.
    """
    for index in range(first - 1, max(first - _STANDFIRST_WINDOW, 0) - 1, -1):
        block = blocks[index]
        if block.gone or block.rule is not None:
            continue
        if block.cls == _GOOD:
            if any(index + step in marks for step in (-2, -1, 1, 2)):
                return index
            return None
        if block.cls == _NEAR:
            return None
    return None


def _next_live(blocks: list[_Block], index: int) -> int | None:
    """Return the next block after *index* that is not gone, or ``None``."""
    for after in range(index + 1, len(blocks)):
        if not blocks[after].gone:
            return after
    return None


def _short_sentence(block: _Block) -> bool:
    """Tell whether a block is a short sentence of its own: two words or more, a full stop, no rule, no link."""
    return (
        block.rule is None
        and not block.linky
        and block.length >= 2
        and block.text[-1:] in ".!?"
        and not block.text.endswith(("...", "…"))
        and block.text[:1].isupper()
    )


# The most headlines of a box of other stories set inside the body.
_BOX_ITEMS = 6
# The shortest paragraph (in words) read as the body going on after such a box.
_AFTER_BOX_WORDS = 20


def _paragraph_after_box(blocks: list[_Block], last: int) -> int | None:
    """Return the last paragraph of the body when it follows a box of other stories set inside the body.

    News pages set a "Related" box of a few headlines between two paragraphs; the run of body
    text stops at the box. One paragraph after the box, ending like a sentence, with no other
    prose after it (a list of blurbs alternates headlines and prose), is the body going on.
    """
    index = _next_live(blocks, last)
    if index is None or blocks[index].rule not in ("teaser", "promo") or not blocks[last].terminal:
        return None
    heads = 0
    index = _next_live(blocks, index)
    while index is not None and blocks[index].rule is None and blocks[index].cls in (_SHORT, _BAD):
        heads += 1
        index = _next_live(blocks, index)
    if index is None or not 1 <= heads <= _BOX_ITEMS:
        return None
    block = blocks[index]
    if block.rule is not None or block.cls != _GOOD or not block.terminal or block.length < _AFTER_BOX_WORDS:
        return None
    after = _next_live(blocks, index)
    if after is not None and blocks[after].cls == _GOOD:
        return None
    return index


# The longest heading (in words) of a list of other stories closing the body, and its longest first item.
_LIST_HEADING_WORDS = 6
_FIRST_ITEM_WORDS = 30


def _first_item_closes(blocks: list[_Block], kept: list[int], listed: set[int]) -> bool:
    """Tell whether the body ends with the heading of a list of other stories and the first item of that list.

    The run of body text often takes in the first headline of the list below it ("Related
    articles" / "Other headline"): a short heading that leads into nothing (no colon) over one
    line that is no sentence closed by a full stop, after the body's paragraphs.
    """
    head, item = blocks[kept[-2]], blocks[kept[-1]]
    if kept[-1] in listed or kept[-2] in listed:
        return False
    if head.cls not in (_SHORT, _BAD) or head.length > _LIST_HEADING_WORDS or head.text.endswith(":"):
        return False
    if item.length > _FIRST_ITEM_WORDS or item.text.rstrip("\"'”’»)").endswith((".", ":")):
        return False
    return any(blocks[index].cls == _GOOD for index in kept[:-2])


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
    earlier = _run_before_items(blocks, markers, first, last)
    if earlier is not None:
        first, last = earlier
    anchored = _anchored_run(blocks, markers, first, last)
    if anchored is not None:
        first, last = anchored
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
    cue = ""
    for index in range(first, last + 1):
        block = blocks[index]
        if block.gone:
            continue
        if block.cls == _JUNK:
            # Under a "Most read" heading or after a promotion, headlines follow until prose resumes.
            if block.rule in ("teaser", "promo", "tail"):
                in_list, cue = True, block.rule or ""
            continue
        if in_list and cue == "promo" and _heads_prose(blocks, index, last):
            # A promotion is one line: a line over a paragraph after it is the body's subheading.
            in_list = False
        if in_list and index not in listed and (block.cls != _GOOD or _blurb_in_list(blocks, index)):
            names[index] = "teaser"
            continue
        in_list = False
        if block.linky:
            names[index] = "navigation"
            continue
        keep[index] = True
    _drop_loose_lines(blocks, keep, listed, names)

    if options.prompts:
        _drop_self_reference(blocks, keep, names)
    if options.tails:
        _drop_trailing_teasers(blocks, keep, names)
        _drop_closing_label(blocks, keep, names)
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
