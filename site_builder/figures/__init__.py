"""From a chart spec and its dataset to a plotly figure: the public API (`figure.py`), the
registry of chart kinds (`kinds/`), the plotly pieces they share (`marks.py`), and the house theme.
"""
