"""The Zensical adapter: Zensical runs no MkDocs plugin, so our `:::` lines reach it through a
Python-Markdown extension (`markdown.py`, listed under `markdown_extensions:` in mkdocs.yml) and
everything else is done around its build by our own command (`run.py`, `python -m
site_builder.engines.zensical build|serve`, or `make site ENGINE=zensical`), with the steps of
`build/session.py`. Nothing here is imported by the MkDocs plugin, and nothing here imports
Zensical at module level: MkDocs loads the extension too (listed in the same file) and needs no
Zensical installed.
"""
