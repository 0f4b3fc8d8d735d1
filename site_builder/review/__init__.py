"""Reviewing a change before it is published: `site-builder diff`.

Two states of the project (git commits, or the working tree) are compared into one model of what
changed (`model.py`: records, sources, metadata, charts, published figures changed without a
correction), which three reports render: the terminal's, Markdown for a pull request, and one
self-contained HTML file. No MkDocs import here.
"""
