"""Tests for the public API surface."""

from __future__ import annotations

import importlib
import types

import pytest

import newscorpus as nc

MODULES = [
    "newscorpus",
    "newscorpus.errors",
    "newscorpus.types",
    "newscorpus.registry",
    "newscorpus.serialize",
    "newscorpus.pipeline",
    "newscorpus.write",
    "newscorpus.load",
    "newscorpus.load.decoding",
    "newscorpus.load.files",
    "newscorpus.text",
    "newscorpus.clean",
    "newscorpus.clean.blocks",
    "newscorpus.clean.body",
    "newscorpus.clean.cuts",
    "newscorpus.clean.inline",
    "newscorpus.clean.metadata",
    "newscorpus.clean.options",
    "newscorpus.extract",
    "newscorpus.extract.events",
    "newscorpus.extract.mentions",
    "newscorpus.extract.quotes",
    "newscorpus.extract.timex",
    "newscorpus.extract.timex.anchoring",
    "newscorpus.extract.timex.arithmetic",
    "newscorpus.extract.timex.context",
    "newscorpus.extract.timex.dates",
    "newscorpus.extract.timex.grammar",
    "newscorpus.extract.timex.matching",
    "newscorpus.extract.timex.options",
    "newscorpus.extract.timex.relative",
    "newscorpus.extract.timex.scan",
    "newscorpus.extract.timex.tense",
    "newscorpus.extract.timex.values",
    "newscorpus.extract.timex.vocabulary",
    "newscorpus.testing.strategies",
    "newscorpus.arrow",
    "newscorpus.dask",
]


def _public(module: types.ModuleType) -> set[str]:
    return {
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and getattr(value, "__module__", module.__name__).startswith(module.__name__)
        and name not in {"annotations", "TYPE_CHECKING"}
    }


def _isort_key(name: str) -> tuple[int, str]:
    """The order ruff keeps __all__ in: constants, then classes, then the rest."""
    return (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)


class TestExports:
    @pytest.mark.parametrize("name", MODULES)
    def test_all_sorted_and_complete(self, name: str) -> None:
        """Every public module has a sorted __all__ naming exactly its public names."""
        module = importlib.import_module(name)
        exported = list(module.__all__)
        assert sorted(exported, key=_isort_key) == exported
        if name != "newscorpus":
            assert _public(module) <= set(exported) | {"T", "F"}
        for item in exported:
            assert hasattr(module, item)

    def test_package_reexports(self) -> None:
        """The package re-exports the supported names of its modules."""
        names = (
            "Article",
            "Pipeline",
            "load",
            "sentences",
            "clean",
            "extract_timexes",
            "extract_mentions",
            "extract_quotes",
            "extract_events",
            "to_json",
        )
        for name in names:
            assert name in nc.__all__

    def test_errors_refine_builtins(self) -> None:
        """Errors also inherit the builtin they refine."""
        assert issubclass(nc.LoadError, ValueError)
        assert issubclass(nc.RegistryError, LookupError)
        assert issubclass(nc.LoadError, nc.NewscorpusError)
        assert issubclass(nc.StageWarning, nc.NewscorpusWarning)
        assert issubclass(nc.NewscorpusWarning, UserWarning)
