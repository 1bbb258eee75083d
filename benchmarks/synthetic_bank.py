"""Synthetic banks for the build benchmarks, generated on the fly (never committed).

`write_bank(n, dest)` writes n valid question files using the real topics.yaml/tags.yaml
vocabulary (answers of ~300 words with inline and display math); `write_plain_docs(bank, dest)`
writes the same questions as plain Markdown topic pages (heading + `??? answer` block) with a
minimal mkdocs.yml: same theme and Markdown extensions, no hooks or macros;
`write_same_pages_docs(bank, dest)` writes every page the pipeline generates as plain Markdown,
with the real configuration minus the pipeline (the baseline of the overhead ratio).
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import yaml

from benchmarks.common import BANK, ROOT

WORDS = ("model loss gradient variance bias estimate sample feature label threshold recall "
         "precision calibration validation regularization penalty weight prior posterior "
         "distribution error training test split fold metric score ranking class boundary "
         "margin kernel tree ensemble boosting learning rate batch epoch dropout noise signal "
         "likelihood expectation probability baseline curve area cost decision").split()
MATH = [r"$\hat{y} = \sigma(w^\top x + b)$", r"$\mathbb{E}[(y - \hat f(x))^2]$",
        r"$\lambda \lVert w \rVert_2^2$", r"$p(y \mid x)$", r"$\frac{TP}{TP + FP}$",
        r"$\operatorname{Var}(\bar X) = \sigma^2 / n$", r"$O(n \log n)$"]
DISPLAY = [r"\mathcal{L}(w) = -\frac{1}{n} \sum_{i=1}^{n} \big[y_i \log p_i + (1 - y_i)"
           r" \log (1 - p_i)\big] + \lambda \lVert w \rVert_2^2",
           r"\mathrm{MSE}(\hat\theta) = \operatorname{Var}(\hat\theta) + "
           r"\operatorname{Bias}(\hat\theta)^2"]


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, words: int) -> str:
    parts, count = [], 0
    while count < words:
        length = rng.randint(9, 18)
        parts.append(_sentence(rng, length))
        count += length
        if rng.random() < 0.3:
            parts.append(f"Here {rng.choice(MATH)} matters.")
            count += 3
    return " ".join(parts)


def _answer(rng: random.Random) -> str:
    """~300 words: three paragraphs, a display equation and a short list with bold lead-ins."""
    return "\n\n".join([
        _paragraph(rng, 65),
        "$$\n" + rng.choice(DISPLAY) + "\n$$",
        _paragraph(rng, 65),
        "\n".join(f"- **{rng.choice(WORDS).title()}.** {_paragraph(rng, 14)}" for _ in range(3)),
        _paragraph(rng, 55),
    ])


def _block(text: str, indent: str = "  ") -> str:
    return "\n".join(indent + line if line else "" for line in text.split("\n"))


def question_yaml(rng: random.Random, qid: str, tags: list[str], related: list[str],
                  section: str | None = None) -> str:
    follow_ups = "".join(f"  - question: {_sentence(rng, 8)[:-1]}?\n    answer: >-\n"
                         f"{_block(_paragraph(rng, 30), '      ')}\n" for _ in range(2))
    mistakes = "".join(f"  - >-\n{_block(_sentence(rng, 20), '    ')}\n" for _ in range(2))
    return (
        f"id: {qid}\n"
        + (f"section: {section}\n" if section else "")
        + f"question: {_sentence(rng, 10)[:-1]} ({qid})?\n"
        f"short_answer: >-\n{_block(_paragraph(rng, 35))}\n"
        f"answer: |\n{_block(_answer(rng))}\n"
        f"difficulty: {rng.choice(['easy', 'medium', 'hard'])}\n"
        f"roles: [data-scientist, ml-engineer]\n"
        f"tags: [{', '.join(tags)}]\n"
        f"follow_ups:\n{follow_ups}"
        f"mistakes:\n{mistakes}"
        f"related: [{', '.join(related)}]\n"
        "references:\n  - title: The Elements of Statistical Learning, chapter 7\n"
        "    url: https://hastie.su.domains/ElemStatLearn/\n"
        "reviewed: 2026-11-24\n"
    )


def write_bank(n: int, dest: Path, seed: int = 0) -> Path:
    """A bank folder with n questions spread evenly over the real topics."""
    rng = random.Random(seed)
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("topics.yaml", "tags.yaml", "search-synonyms.yaml"):
        if (BANK / name).exists():
            shutil.copy(BANK / name, dest / name)
    registry = yaml.safe_load((BANK / "topics.yaml").read_text())["topics"]
    topics = [t["id"] for t in registry]
    # A topic split into sections needs every question to name one: deal them round-robin.
    sections = {t["id"]: [s["id"] for s in t.get("sections", [])] for t in registry}
    tags = [t["id"] for t in yaml.safe_load((BANK / "tags.yaml").read_text())["tags"]]
    ids = [f"synthetic-question-{i:05d}" for i in range(n)]
    for i, qid in enumerate(ids):
        topic = topics[i % len(topics)]
        folder = dest / topic
        folder.mkdir(exist_ok=True)
        related = [ids[(i + k) % n] for k in (1, 2) if n > 2]
        own = sections[topic]
        section = own[(i // len(topics)) % len(own)] if own else None
        (folder / f"{qid}.yaml").write_text(
            question_yaml(rng, qid, rng.sample(tags, 3), related, section))
    return dest


def _markdown_extensions() -> str:
    """The real mkdocs.yml's `markdown_extensions:` block, copied verbatim."""
    text = (ROOT / "mkdocs.yml").read_text()
    return re.search(r"^markdown_extensions:\n(?:[ \-].*\n|\n)+", text, re.M).group(0)


def write_plain_docs(bank: Path, dest: Path) -> Path:
    """The same questions as plain Markdown topic pages; returns the mkdocs.yml to build."""
    docs = dest / "docs"
    (docs / "topics").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Questions\n")
    # Answers show figures from docs/assets/figures/ (linked as ../assets/figures/...).
    shutil.copytree(ROOT / "docs" / "assets" / "figures", docs / "assets" / "figures")
    for topic in sorted(p for p in bank.iterdir() if p.is_dir()):
        sections = [f"# {topic.name}\n"]
        for path in sorted(topic.glob("*.yaml")):
            q = yaml.safe_load(path.read_text())
            body = "\n\n".join([
                f"**Short answer.** {q['short_answer'].strip()}", q["answer"].strip(),
                "**Likely follow-ups**\n\n" + "\n".join(
                    f"- **{f['question']}** {f['answer']}" for f in q["follow_ups"]),
                "**Common mistakes**\n\n" + "\n".join(f"- {m}" for m in q["mistakes"]),
                "**References**\n\n" + "\n".join(
                    f"- [{r['title']}]({r['url']})" for r in q["references"]),
            ])
            sections.append(f"## {q['question']} {{ #{q['id']} }}\n\n"
                            f'??? answer "Answer"\n\n{_block(body, "    ")}\n')
        (docs / "topics" / f"{topic.name}.md").write_text("\n".join(sections))
    config = dest / "mkdocs.yml"
    config.write_text("site_name: Plain\nstrict: true\ntheme:\n  name: material\n  font: false\n"
                      "plugins:\n  - search\n" + _markdown_extensions())
    return config


def write_same_pages_docs(bank: Path, dest: Path) -> Path:
    """Every page the pipeline would build, written out as plain Markdown files beside a copy of
    docs/, with the real mkdocs.yml minus the hooks and the macros plugin and the navigation
    resolved: the same content built without the pipeline. Returns the mkdocs.yml to build."""
    from macros.bank import load_bank
    from macros.links import Repository
    from macros.site_pages import generated_pages, navigation

    loaded, problems = load_bank(bank)
    if problems:
        raise RuntimeError(f"{bank}: {len(problems)} problems, first: {problems[0]}")
    config = yaml.safe_load(re.sub(r"!!python/name:\S+", "null",
                                   (ROOT / "mkdocs.yml").read_text()))
    docs = dest / "docs"
    shutil.copytree(ROOT / "docs", docs)
    from macros.render.fragments import FragmentStore
    from macros.render.rendered import render_bank

    rendered, store = render_bank(loaded), FragmentStore()
    pages = generated_pages(loaded, rendered, Repository(config["extra"]["repository"]), store)
    for src, content in pages.items():
        (docs / src).parent.mkdir(parents=True, exist_ok=True)
        # The fragments' HTML straight into the Markdown: the baseline renders the same text.
        (docs / src).write_text(store.substitute(content, "../" * src.count("/")))
    # The exports are the pipeline's work too: the baseline only needs the files to exist, so
    # the hand-written pages' links to them resolve.
    from macros import exports
    (docs / exports.EXPORT_DIR).mkdir(parents=True, exist_ok=True)
    for name in (exports.JSON_NAME, exports.CSV_NAME, exports.APKG_NAME):
        (docs / exports.EXPORT_DIR / name).write_text("")
    nav = navigation(loaded, rendered, config["nav"])
    # Edited as text, not re-dumped: the file holds !!python/name tags that YAML round-trips lose.
    # Each edit must apply exactly once, or the baseline would silently keep part of the pipeline.
    text = (ROOT / "mkdocs.yml").read_text()
    nav_line = "nav: " + yaml.safe_dump(nav, sort_keys=False, default_flow_style=True,
                                        width=10**6).strip().replace("\n", " ") + "\n"
    for what, pattern, replacement in [
            ("hooks", r"^hooks:\n(?:  .*\n)+", ""),
            ("macros plugin", r"^  - macros:\n(?:      .*\n)+", ""),
            ("nav", r"^nav:\n(?:  .*\n)+", nav_line.replace("\\", "\\\\")),
            ("custom_dir", r"custom_dir: docs/overrides", f"custom_dir: {docs / 'overrides'}")]:
        text, count = re.subn(pattern, replacement, text, flags=re.M)
        if count != 1:
            raise RuntimeError(f"mkdocs.yml: found its {what} {count} times, expected once; "
                               "update benchmarks/synthetic_bank.py to the file's new layout")
    path = dest / "mkdocs.yml"
    path.write_text(text)
    return path
