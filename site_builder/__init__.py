"""site_builder: YAML datasets to sourced, accessible Plotly charts on a static MkDocs site.

The core (`formats/`, `figures/`, `reader/`, `build/`) has no engine import; the adapters in
`engines/` are the only modules that know about MkDocs. See ARCHITECTURE.md for the map.
"""

__version__ = "0.1.0"
