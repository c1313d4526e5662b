"""The report's figures, one module per chapter.

Each function takes the tidy table a chapter computed and returns a
matplotlib figure in the report's style (:mod:`helpers.figures`); the
chapter publishes it with its caption, label and source
(:func:`helpers.figures.publish`), so every figure can be traced to the
cell that draws it and the data behind it. The analyses never import this
package: drawing depends on analysis, not the other way round.
"""
