"""The options of the cleaner and its rule families.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, cast

import attrs

from newscorpus.errors import OptionsError
from newscorpus.types import Article

__all__ = ["CleanOptions", "RuleFamily", "UserRule", "rule_families"]


#: A user cleaning rule: any callable that takes an article and returns it
#: cleaned, removing text with :meth:`Article.remove <newscorpus.types.Article.remove>`.
UserRule = Callable[[Article], Article]


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
