"""The pipeline that turns the question bank (questions/) into the study site.

Modules, one job each:
- model: the typed model of a question and of the registries (and the JSON Schema source).
- yaml_source: YAML parsing that keeps line numbers and rejects duplicate keys.
- checks: the rules beyond a file's shape, one small generator per rule.
- bank: loading and validating the whole bank; the one validator every caller uses.
- diagnostics: problems and their `path:line: CODE name: message` form.
- render_*: pure functions from the model to Markdown pages.
- site_pages: which pages the build generates, and where.
- hooks: the thin MkDocs adapter; macros_entry: the mkdocs-macros adapter.
- __main__: the command line, `python -m macros check|schema`.
"""
