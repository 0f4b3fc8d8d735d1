"""Assembling a build: charts prepared once (and cached), the chart work beside the engine's
pages, third-party front-end files, the build manifest and atomic output.
"""
