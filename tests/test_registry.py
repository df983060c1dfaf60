"""Tests for newscorpus.registry."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import newscorpus as nc
from newscorpus.errors import RegistryError
from newscorpus.registry import CleaningRule, Extractor, ExtractorRegistry, ExtractorSpec, Registry


class TestRegistry:
    def test_decorator_and_call(self) -> None:
        """Plug-ins register by decorator or by call and are found by name."""
        registry: Registry[Any] = Registry("thing")

        @registry.register("a.v1")
        def first() -> None: ...

        registry.register("b.v2", len)
        assert (first, len, ("a.v1", "b.v2")) == (registry.get("a.v1"), registry.get("b.v2"), registry.names())
        assert "a.v1" in registry
        assert len(registry) == 2

    def test_unknown_lists_known(self) -> None:
        """An unknown name raises RegistryError (a LookupError) listing the known names."""
        registry: Registry[Any] = Registry("thing")
        registry.register("a.v1", len)
        with pytest.raises(LookupError, match=r"no thing named 'z\.v1'; known: a\.v1"):
            registry.get("z.v1")

    @pytest.mark.parametrize("name", ["quotes", "Quotes.v1", "quotes.v", "", "a b.v1"])
    def test_name_needs_version(self, name: str) -> None:
        """Names are lower-case and end in a version."""
        with pytest.raises(RegistryError, match="form"):
            Registry[Any]("thing").register(name, len)

    def test_taken_name(self) -> None:
        """A name cannot be registered twice; unregister frees it."""
        registry: Registry[Any] = Registry("thing")
        registry.register("a.v1", len)
        with pytest.raises(RegistryError, match="already"):
            registry.register("a.v1", str)
        registry.unregister("a.v1")
        with pytest.raises(RegistryError):
            registry.unregister("a.v1")

    def test_extractor_spec(self) -> None:
        """The extractor registry records where a result goes and what must run first."""
        registry = ExtractorRegistry("extractor")
        registry.register("x.v1", len, requires=["sentences.v1"])
        assert ExtractorSpec(name="x.v1", func=len, requires=("sentences.v1",)) == registry.get("x.v1")
        with pytest.raises(RegistryError, match="callable"):
            registry.register("y.v1", 3)

    def test_protocols(self) -> None:
        """Plain functions satisfy the Extractor and CleaningRule protocols."""

        def extractor(doc: nc.Document) -> int:
            return 0

        def rule(article: nc.Article) -> nc.Article:
            return article

        assert isinstance(extractor, Extractor)
        assert isinstance(rule, CleaningRule)

    def test_builtin_names(self) -> None:
        """The built-in names are pinned."""
        assert {"sentences.v1", "timex.v1", "mentions.v1", "quotes.v1", "events.v1"} <= set(nc.extractors.names())
        assert {"clean.v1"} <= set(nc.cleaners.names())


class TestEntryPoints:
    def test_distribution_is_discovered(self, tmp_path: Path) -> None:
        """A distribution publishing an entry point is found on first look-up, lazily."""
        site = tmp_path / "site"
        package = site / "nc_plugin_demo"
        package.mkdir(parents=True)
        (package / "__init__.py").write_text("def count(doc):\n    return len(doc.article.text)\n")
        dist = site / "nc_plugin_demo-1.0.dist-info"
        dist.mkdir()
        (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: nc-plugin-demo\nVersion: 1.0\n")
        (dist / "entry_points.txt").write_text("[newscorpus.extractors]\nchars.v1 = nc_plugin_demo:count\n")
        script = textwrap.dedent(
            """
            import sys
            import newscorpus as nc
            assert "nc_plugin_demo" not in sys.modules
            doc = nc.Pipeline(["chars.v1"], clean=None)("four")
            print(doc.extensions["chars.v1"])
            """
        )
        env = {"PYTHONPATH": str(site)}
        import os

        result = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env={**os.environ, **env}, check=False
        )
        assert (result.stdout.strip(), result.returncode) == ("4", 0), result.stderr

    def test_broken_entry_point_warns(self, tmp_path: Path) -> None:
        """A plug-in that fails to import gives an EntryPointWarning, not a crash."""
        site = tmp_path / "site"
        dist = site / "nc_broken-1.0.dist-info"
        dist.mkdir(parents=True)
        (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: nc-broken\nVersion: 1.0\n")
        (dist / "entry_points.txt").write_text("[newscorpus.extractors]\nbroken.v1 = no_such_module:thing\n")
        script = "import warnings, newscorpus as nc\nwith warnings.catch_warnings(record=True) as w:\n"
        script += "    warnings.simplefilter('always')\n    names = nc.extractors.names()\n"
        script += "print('broken.v1' in names, [type(x.message).__name__ for x in w])\n"
        import os

        result = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(site)},
            check=False,
        )
        assert result.stdout.strip() == "False ['EntryPointWarning']", result.stderr
