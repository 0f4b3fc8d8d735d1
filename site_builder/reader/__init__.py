"""What readers get of a chart besides its figure: tables and downloads, the text alternative,
HTML from templates, and our own front-end (`static/`).
"""
