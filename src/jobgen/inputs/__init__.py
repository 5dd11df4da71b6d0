"""Inputs: from files to typed models, every problem with its file, line and column.

workspace.py finds the workspace and layers it over the built-ins; loader.py
reads YAML safely into node trees; validate.py checks them against the models
(models.py and lint_settings.py, with the field types of fields.py and the
markers of markers.py); catalog.py loads what a command needs; stages.py plans a
stage run; dates.py reads the posting dates; lint_data.py reads lint's own data
files; json_schema.py derives the input files' JSON Schemas. Imports only the
shared modules: no rendering, no writing, no command line.
"""
