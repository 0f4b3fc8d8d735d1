"""site_builder: YAML datasets to sourced, accessible Plotly charts on a static MkDocs site.

The core (datasets, chart specs, figures, rendering) has no MkDocs import; `plugin.py` is the
only module that knows about MkDocs. See ARCHITECTURE.md for the map.
"""

__version__ = "0.1.0"
