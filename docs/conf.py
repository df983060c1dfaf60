"""Sphinx configuration for the newscorpus documentation."""

from __future__ import annotations

import builtins
import pathlib
import re
import sys

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

import newscorpus

ROOT = pathlib.Path(__file__).resolve().parent.parent

project = "newscorpus"
author = "The newscorpus developers"
copyright = "the newscorpus developers"
version = release = newscorpus.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build"]

myst_enable_extensions = ["deflist"]
myst_heading_anchors = 3

html_theme = "alabaster"
html_theme_options = {"description": "Clean news text, time expressions and more, with offsets."}

# Every cross-reference must resolve.
# The build runs without network, so there is no intersphinx inventory for the
# standard library, attrs and cattrs; the names below are the only outside
# targets the docstrings and signatures point to.  The two TypeVars are private
# to the registry module and have nothing to link to.
nitpicky = True
nitpick_ignore = [
    ("py:class", "collections.abc.Callable"),
    ("py:class", "collections.abc.Iterable"),
    ("py:class", "collections.abc.Iterator"),
    ("py:class", "collections.abc.Mapping"),
    ("py:class", "collections.abc.Sequence"),
    ("py:class", "os.PathLike"),
    ("py:class", "datetime.date"),
    ("py:class", "enum.Enum"),
    ("py:func", "attrs.evolve"),
    ("py:mod", "attrs"),
    ("py:mod", "cattrs"),
    ("py:class", "newscorpus.registry.F"),
    ("py:class", "newscorpus.registry.T"),
    ("py:obj", "newscorpus.registry.T"),
    ("py:class", "newscorpus.serialize.T"),
    # The optional integrations' libraries, documented on their own sites.
    ("py:class", "pyarrow.Table"),
    ("py:class", "pyarrow.lib.Table"),
    ("py:class", "pyarrow.lib.RecordBatch"),
    ("py:class", "pyarrow.lib.Schema"),
    ("py:class", "pandas.DataFrame"),
    ("py:class", "pd.DataFrame"),
    ("py:class", "dask.bag.Bag"),
    ("py:class", "dask.bag.core.Bag"),
    ("py:class", "distributed.client.Client"),
]

autodoc_member_order = "bysource"
autodoc_typehints = "signature"

# The doctest builder runs from wherever sphinx-build is started: give the
# examples an absolute path to the seed articles shipped with the tests.
doctest_global_setup = f"""
import pathlib
SEEDS = pathlib.Path({str(ROOT / "tests" / "data" / "seeds")!r})
"""


def _builtins_are_not_attributes(app: Sphinx, doctree: nodes.document) -> None:
    """Keep builtin names in signatures (``type[T]``) from linking to record fields of the same name.

    Sphinx looks up annotation names loosely, so ``type`` would otherwise match
    ``TimeExpr.type`` and ``Event.type``; looked up exactly, a builtin name finds
    nothing and is left unlinked, as builtins are.
    """
    for node in doctree.findall(addnodes.pending_xref):
        if node.get("refdomain") == "py" and hasattr(builtins, node.get("reftarget", "")):
            node.attributes.pop("refspecific", None)


_PRIVATE_NAME = re.compile(r"\b_[A-Za-z][A-Za-z0-9_]{0,60}\b")


def _expand_private_aliases(
    app: Sphinx,
    what: str,
    name: str,
    obj: object,
    options: object,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str | None, str | None] | None:
    """Show a private type alias written as a string (``_PathArg: TypeAlias = "str | ..."``) expanded.

    When such an alias is combined with other types, the annotation cannot be
    evaluated and autodoc shows the private name, which readers cannot look up.
    """
    module = sys.modules.get(getattr(obj, "__module__", None) or "")
    if module is None or signature is None:
        return None

    def expand(match: re.Match[str]) -> str:
        value = getattr(module, match.group(0), None)
        return value if isinstance(value, str) else match.group(0)

    return _PRIVATE_NAME.sub(expand, signature), return_annotation


def _resolve_package_names(
    app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref, contnode: nodes.TextElement
) -> nodes.reference | None:
    """Resolve ``newscorpus.NAME`` to the place NAME is documented, for the names the package re-exports.

    The reference documents each name in its own module (``newscorpus.load.load``),
    while docstrings and prose may use the short name users import (``newscorpus.load``).
    """
    if node.get("refdomain") != "py":
        return None
    target = node.get("reftarget", "")
    package, _, rest = target.partition(".")
    name, dot, attribute = rest.partition(".")
    if package != "newscorpus" or name not in newscorpus.__all__:
        return None
    obj = getattr(newscorpus, name)
    candidates = [f"{getattr(obj, '__module__', '')}.{getattr(obj, '__qualname__', '')}"]
    candidates += [
        f"{module}.{name}"
        for module, value in sorted(sys.modules.items())
        if module.startswith("newscorpus.") and getattr(value, name, None) is obj
    ]
    domain = env.get_domain("py")
    for candidate in candidates:
        full = candidate + dot + attribute
        if full != target:
            found = domain.resolve_xref(env, node["refdoc"], app.builder, node["reftype"], full, node, contnode)
            if found is not None:
                return found
    return None


def setup(app: Sphinx) -> dict[str, bool]:
    app.connect("missing-reference", _resolve_package_names)
    app.connect("doctree-read", _builtins_are_not_attributes)
    app.connect("autodoc-process-signature", _expand_private_aliases)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
