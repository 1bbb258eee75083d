"""The render stage: the only place where bank Markdown becomes HTML or plain text.

Every output (topic, section and question pages, review sheets, the quiz data, the JSON and CSV
exports, the Anki deck, search records, page titles and link previews) takes a question's text
from here, rendered once per question:

- `normalize`: block fixes, so Python-Markdown sees the blocks GitHub's preview shows;
- `markdown_html`: Markdown to HTML with the site's extensions, then `typography`: punctuation
  after inline math kept on the formula's line, figures linked to their files;
- `sanitize`: the allowlist every bank-derived HTML fragment passes, whatever produced it;
- `plain`: readable one-line text, with math as Unicode (θ, σ², ≤), for titles and snippets;
- `fragments`: how generated pages carry pre-rendered HTML through MkDocs untouched;
- `rendered`: a question (or a registry entry) rendered into every form at once.
"""
