"""Tidy the <script> entries of every HTML page.

Two fixes, both about what a reader's browser loads:

- With Jupyter Book 1.0.4 (Sphinx 7.4, sphinx-thebe 0.3.1) the inline script
  that declares ``const THEBE_JS_URL`` is registered twice, so browsers log
  "Identifier 'THEBE_JS_URL' has already been declared" on every page. The
  first of any identical script entries is kept.
- MyST-NB sets Sphinx's asset policy to "always", so MathJax would be
  fetched from a CDN on every page. The report typesets no mathematics, so
  this extension registers a plain-text math renderer (``html_math_renderer:
  plaintext`` in _config.yml) and no page loads MathJax: reading any page
  needs no network.
"""

from __future__ import annotations

from docutils import nodes


def _script_key(script) -> tuple:
    attributes = getattr(script, "attributes", {}) or {}
    # The same inline script may be registered with filename None and with "".
    return (getattr(script, "filename", str(script)) or "", tuple(sorted(attributes.items())))


def tidy_scripts(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple] = set()
    kept = []
    for script in scripts:
        key = _script_key(script)
        if key in seen:
            continue
        seen.add(key)
        kept.append(script)
    context["script_files"] = kept


def _visit_math_as_text(self, node) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="math"))
    self.body.append(self.encode(node.astext()))
    self.body.append("</span>")
    raise nodes.SkipNode


def setup(app):
    app.connect("html-page-context", tidy_scripts, priority=900)
    app.add_html_math_renderer("plaintext", (_visit_math_as_text, None), (_visit_math_as_text, None))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
