"""From a chart spec and its dataset to a plotly figure: the registry of chart kinds
(`kinds/`), the helpers they share, and the house theme."""
