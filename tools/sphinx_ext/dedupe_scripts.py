"""Drop duplicate <script> entries from every HTML page.

With Jupyter Book 1.0.4 (Sphinx 7.4, sphinx-thebe 0.3.1) the inline script
that declares ``const THEBE_JS_URL`` is registered twice, so browsers log
"Identifier 'THEBE_JS_URL' has already been declared" on every page. This
extension keeps the first of any identical script entries.
"""

from __future__ import annotations


def _script_key(script) -> tuple:
    attributes = getattr(script, "attributes", {}) or {}
    # The same inline script may be registered with filename None and with "".
    return (getattr(script, "filename", str(script)) or "", tuple(sorted(attributes.items())))


def dedupe_scripts(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple] = set()
    unique = []
    for script in scripts:
        key = _script_key(script)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def setup(app):
    app.connect("html-page-context", dedupe_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
