"""The file formats: reading YAML strictly, the data model and its validation, datasets, chart
specs, pages' `:::` lines, and a whole project checked together.
"""
