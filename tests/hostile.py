"""Hostile text: what a readout could hold to make the book run code, inject markup or leak a file.

Shared by the escaping tests (tests/test_escape.py) and the end-to-end test
that accepts a hostile readout and builds the book from it
(tests/test_hostile_readout.py). Each family names the mechanism it tries.
"""

#: A file that a payload tries to create; it must never appear.
MARKER = "USMX_PWNED_MARKER"

PAYLOADS = {
    # Jinja2, through MyST's substitution extension
    "jinja-exec": "{{ env.app.__class__.__init__.__globals__['os'].system('touch " + MARKER + "') }}",
    "jinja-expression": "{{ 7*7 }} and {{ config.__class__ }}",
    "jinja-statement": "{% for x in range(3) %}loop{% endfor %} {# comment #}",
    # raw HTML and script
    "script": "<script>alert('xss')</script>",
    "img-onerror": "<img src=x onerror=alert('xss')>",
    "html-comment": "<!-- hidden --> <style>body{display:none}</style>",
    "javascript-link": "[click me](javascript:alert('xss')) <javascript:alert('xss')>",
    "javascript-anchor": "<a href=\"javascript:alert('xss')\">link</a>",
    "data-url": "![image](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    # MyST roles and directives that read files or add raw output
    "role-download": "{download}`../../../../etc/passwd`",
    "role-include": "{include}`/etc/passwd` {literalinclude}`/etc/hostname`",
    "role-raw": "{raw:html}`<script>alert('xss')</script>` {raw:latex}`\\input{/etc/passwd}`",
    "role-math": "{math}`\\input{/etc/passwd}`",
    "role-eval": "{eval-rst}`.. include:: /etc/passwd`",
    "directive": "```{include} /etc/passwd\n```\n:::{literalinclude} /etc/hostname\n:::",
    # LaTeX in every form
    "latex-input": "\\input{/etc/passwd} \\include{/etc/hostname}",
    "latex-openin": "\\openin5=/etc/passwd \\read5 to \\x",
    "latex-write18": "\\immediate\\write18{touch " + MARKER + "}",
    "dollar-math": "$\\input{/etc/passwd}$ and $$x$$",
    "latex-specials": "50% of $3 & #1 ^2 ~ \\ {braces} _under_",
    # Markdown that would change what the reader sees
    "emphasis": "*emphasis* __strong__ organi*ation and organi*ation",
    "link-reference": '[x]: https://example.org/evil "title"',
    "table-pipe": "a | b || c",
    "heading": "# Heading\n- item",
}
