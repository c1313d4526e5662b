"""Numbered references resolved without unpickling the target page once per reference.

Sphinx 7.4 resolves each ``{numref}`` by loading the whole doctree of the
page that holds the target (``env.get_doctree``), only to read the target
node's type and ids. The report has about 300 numbered references into
pages with large tables, so that loading took more than half of each build
(35 s of 62 s for the HTML). Here the resolver is given an environment whose
``get_doctree`` hands out one read-only copy per page for the length of a
build; everything else is the environment's own. The numbers and links are
Sphinx's: only the repeated unpickling is saved.
"""

from __future__ import annotations

from sphinx.domains.std import StandardDomain

#: The doctrees loaded for numbered references during the current build, by page.
_DOCTREES: dict[str, object] = {}
_RESOLVE = StandardDomain._resolve_numref_xref


class CachingEnvironment:
    """``env`` as the numref resolver uses it, with one doctree per page, loaded on first use.

    The resolver only reads the target node, so one copy can serve every reference to a page.
    """

    def __init__(self, env, cache: dict):
        self._env = env
        self._cache = cache

    def __getattr__(self, name):
        return getattr(self._env, name)

    def get_doctree(self, docname: str):
        if docname not in self._cache:
            self._cache[docname] = self._env.get_doctree(docname)
        return self._cache[docname]


def _resolve_numref_xref(self, env, *args, **kwargs):
    return _RESOLVE(self, CachingEnvironment(env, _DOCTREES), *args, **kwargs)


def _forget(*_args) -> None:
    """A new read or a finished build: the pages may have changed."""
    _DOCTREES.clear()


def setup(app):
    StandardDomain._resolve_numref_xref = _resolve_numref_xref
    app.connect("env-before-read-docs", _forget)
    app.connect("build-finished", _forget)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
