"""Publishing: from rendered postings to files, all or nothing.

pipeline.py renders postings in every format asked (and lints them);
batch.py writes a whole stage, in worker processes; output.py stages every
file and commits them together; manifest.py, plan_page.py and quality_page.py
write what sits beside the postings; check.py renders everything and writes
nothing (`jobgen check`); preview.py serves one page as it is edited;
scaffold.py writes a new workspace (`jobgen init`); schemas.py publishes the
JSON Schemas. The top of the library: the command line is its only caller.
"""
