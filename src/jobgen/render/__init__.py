"""Rendering: a posting's Markdown from the house-style templates, in a sandbox.

renderer.py renders templates from the layered search path (company, workspace,
built-in); sandbox.py is the Jinja environment they run in; context.py builds
what a template sees and the filters that word it; explain.py turns a mistake
into a message with file and line; blocks.py checks overrides; cache.py keeps
compiled templates; template_files.py says which layer's file wins and makes
copies to edit. Imports inputs, never formats, publishing or the command line.
"""
