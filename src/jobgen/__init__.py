"""jobgen: tailored AI job postings from roles, company profiles and Jinja templates.

The library is usable without the CLI::

    from jobgen.workspace import find_workspace
    from jobgen.pipeline import generate

    ws = find_workspace()
    written, warnings = generate(ws, ["ai-ml-engineer"], "furrowlight", formats=("md", "html"))
"""

__version__ = "0.1.0"
