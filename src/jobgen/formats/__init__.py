"""Formats: one writer per format, from a posting's Markdown and its sanitized HTML.

markdown.py, html.py (with the schema.org JobPosting of jobposting.py),
docx.py (with docx_reference.py, docx_styles.py, docx_template.py, docx_body.py,
docx_package.py),
posting_json.py (its schema in posting_schema.py) and plain_text.py; logo.py is
the brand logo the pages and Word share. A writer turns one rendered posting
into bytes; it never writes a file (publishing does).
"""
