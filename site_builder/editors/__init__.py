"""Editors' tools: the `site-builder` command, starting files, JSON Schemas, the field
reference and what the preview shows while content has problems.
"""
