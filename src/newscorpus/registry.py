"""Plug-in points: the extractor and cleaning-rule protocols and their registries.

An extractor is any callable that takes a :class:`~newscorpus.types.Document`
and returns its result; a cleaning rule is any callable that takes an
:class:`~newscorpus.types.Article` and returns the cleaned article. Both are
registered under a versioned name (``"quotes.v1"``), by decorator or call:

>>> from newscorpus.registry import Registry
>>> counters: Registry[object] = Registry("demo")
>>> @counters.register("words.v1")
... def count_words(doc: object) -> int:
...     return 0
>>> counters.get("words.v1") is count_words
True
>>> counters.get("words.v2")
Traceback (most recent call last):
...
newscorpus.errors.RegistryError: no demo named 'words.v2'; known: words.v1

Other packages publish their plug-ins through the entry-point groups
``newscorpus.extractors`` and ``newscorpus.cleaners``; those are read on the
first look-up that misses, never at import.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterator
from importlib import metadata
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, overload, runtime_checkable

import attrs

from newscorpus.errors import EntryPointWarning, RegistryError

if TYPE_CHECKING:
    from newscorpus.types import Article, Document

__all__ = [
    "CleaningRule",
    "Extractor",
    "ExtractorRegistry",
    "ExtractorSpec",
    "Registry",
    "cleaners",
    "extractors",
]

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])

_NAME = re.compile(r"[a-z][a-z0-9_\-]{0,63}(?:\.[a-z0-9_\-]{1,64}){0,8}\.v[0-9]{1,4}")


@runtime_checkable
class Extractor(Protocol):
    """Something that computes a result from a document.

    Plain functions qualify. The result is stored on the
    :class:`~newscorpus.types.Document` under the extractor's registered name
    (``doc.extensions[name]``), or in a built-in field for built-in extractors.
    Results of third-party extractors should be JSON values (dicts, lists,
    strings, numbers, booleans, ``None``) so documents round-trip through JSONL.

    .. versionadded:: 0.1.0
    """

    def __call__(self, doc: Document, /) -> Any: ...


@runtime_checkable
class CleaningRule(Protocol):
    """Something that takes an article and returns it cleaned.

    Remove text with :meth:`~newscorpus.types.Article.remove` so that every
    removal is recorded and ``text`` stays aligned with ``raw``.

    .. versionadded:: 0.1.0
    """

    def __call__(self, article: Article, /) -> Article: ...


@attrs.frozen(kw_only=True)
class ExtractorSpec:
    """How the pipeline runs a registered extractor.

    ``into`` names the :class:`~newscorpus.types.Document` field the result
    fills (``None``: ``doc.extensions[name]``); ``requires`` names the
    extractors that must run first.

    .. versionadded:: 0.1.0
    """

    name: str
    func: Extractor
    into: str | None = None
    requires: tuple[str, ...] = ()


class Registry(Generic[T]):
    """A typed mapping from versioned names to plug-ins.

    *group* is the entry-point group read lazily on the first look-up of an
    unknown name (``None``: no entry points).

    .. versionadded:: 0.1.0
    """

    def __init__(self, kind: str, *, group: str | None = None) -> None:
        self.kind = kind
        self.group = group
        self._items: dict[str, T] = {}
        self._entry_points_read = group is None

    @overload
    def register(self, name: str) -> Callable[[F], F]: ...

    @overload
    def register(self, name: str, obj: T) -> T: ...

    def register(self, name: str, obj: Any = None) -> Any:
        """Register *obj* under *name*; without *obj*, return a decorator.

        Names are lower-case, dotted and end in a version: ``"quotes.v1"``.
        Registering a taken name raises :class:`~newscorpus.errors.RegistryError`.
        """
        if not _NAME.fullmatch(name):
            raise RegistryError(f"{self.kind} name {name!r} is not of the form 'family.v1'")
        if obj is None:

            def decorator(func: F) -> F:
                self._add(name, func)
                return func

            return decorator
        self._add(name, obj)
        return obj

    def _add(self, name: str, obj: Any) -> None:
        if name in self._items:
            raise RegistryError(f"a {self.kind} named {name!r} is registered already")
        self._items[name] = obj

    def unregister(self, name: str) -> None:
        """Remove *name*; an unknown name raises :class:`~newscorpus.errors.RegistryError`."""
        if name not in self._items:
            raise RegistryError(self._unknown(name))
        del self._items[name]

    def get(self, name: str) -> T:
        """Return the plug-in registered under *name*.

        An unknown name raises :class:`~newscorpus.errors.RegistryError`
        listing the known ones.
        """
        try:
            return self._items[name]
        except KeyError:
            pass
        self._read_entry_points()
        try:
            return self._items[name]
        except KeyError:
            raise RegistryError(self._unknown(name)) from None

    def names(self) -> tuple[str, ...]:
        """Return every registered name, entry points included, sorted."""
        self._read_entry_points()
        return tuple(sorted(self._items))

    def __contains__(self, name: object) -> bool:
        if name in self._items:
            return True
        self._read_entry_points()
        return name in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def __len__(self) -> int:
        return len(self.names())

    def _unknown(self, name: str) -> str:
        return f"no {self.kind} named {name!r}; known: {', '.join(sorted(self._items)) or '(none)'}"

    def _read_entry_points(self) -> None:
        if self._entry_points_read or self.group is None:
            return
        self._entry_points_read = True
        for entry_point in metadata.entry_points(group=self.group):
            if entry_point.name in self._items:
                continue
            try:
                obj = entry_point.load()
            except Exception as exc:  # a broken plug-in must not break the library
                warnings.warn(
                    EntryPointWarning(f"cannot load {self.kind} {entry_point.name!r} ({entry_point.value}): {exc}"),
                    stacklevel=3,
                )
                continue
            try:
                self._add_loaded(entry_point.name, obj)
            except RegistryError as exc:
                warnings.warn(EntryPointWarning(str(exc)), stacklevel=3)

    def _add_loaded(self, name: str, obj: Any) -> None:
        if not _NAME.fullmatch(name):
            raise RegistryError(f"{self.kind} entry point {name!r} is not of the form 'family.v1'")
        self._items[name] = obj


class ExtractorRegistry(Registry[ExtractorSpec]):
    """The registry of extractors: stores an :class:`ExtractorSpec` per name.

    >>> from newscorpus.registry import ExtractorRegistry
    >>> registry = ExtractorRegistry("extractor")
    >>> @registry.register("length.v1")
    ... def length(doc):
    ...     return len(doc.article.text)
    >>> registry.get("length.v1").func is length
    True

    .. versionadded:: 0.1.0
    """

    @overload
    def register(
        self, name: str, *, into: str | None = None, requires: tuple[str, ...] | list[str] = ()
    ) -> Callable[[F], F]: ...

    @overload
    def register(
        self, name: str, obj: T, *, into: str | None = None, requires: tuple[str, ...] | list[str] = ()
    ) -> T: ...

    def register(
        self,
        name: str,
        obj: Any = None,
        *,
        into: str | None = None,
        requires: tuple[str, ...] | list[str] = (),
    ) -> Any:
        """Register an extractor under *name*, by decorator or call.

        *into* and *requires* are recorded in its :class:`ExtractorSpec`.
        """

        def wrap(func: Any) -> ExtractorSpec:
            if isinstance(func, ExtractorSpec):
                return func
            if not callable(func):
                raise RegistryError(f"extractor {name!r} is not callable")
            return ExtractorSpec(name=name, func=func, into=into, requires=tuple(requires))

        if obj is None:

            def decorator(func: F) -> F:
                Registry.register(self, name, wrap(func))
                return func

            return decorator
        Registry.register(self, name, wrap(obj))
        return obj

    def _add_loaded(self, name: str, obj: Any) -> None:
        if not isinstance(obj, ExtractorSpec):
            if not callable(obj):
                raise RegistryError(f"extractor entry point {name!r} is not callable")
            obj = ExtractorSpec(
                name=name,
                func=obj,
                into=None,
                requires=tuple(getattr(obj, "requires", ())),
            )
        super()._add_loaded(name, obj)


#: The extractors, by versioned name (entry-point group ``newscorpus.extractors``).
extractors = ExtractorRegistry("extractor", group="newscorpus.extractors")

#: The cleaners, by versioned name (entry-point group ``newscorpus.cleaners``).
cleaners: Registry[CleaningRule] = Registry("cleaner", group="newscorpus.cleaners")
