"""The build dates the site by its last commit, and refuses to publish 1970 dates when git is
there but cannot give that time (a container's checkout: "detected dubious ownership")."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from mkdocs.exceptions import PluginError

from macros import mkdocs_hooks
from tests.conftest import ROOT


@pytest.fixture
def no_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def _repo(path):
    path.mkdir()
    env = {**os.environ, "GIT_AUTHOR_DATE": "2026-01-02T03:04:05Z",
           "GIT_COMMITTER_DATE": "2026-01-02T03:04:05Z"}
    for command in (["init", "-q"], ["-c", "user.name=t", "-c", "user.email=t@example.com",
                                     "commit", "-q", "--allow-empty", "-m", "x"]):
        subprocess.run(["git", *command], cwd=path, check=True, env=env)
    return path


def test_the_last_commit_dates_the_build(no_epoch, tmp_path):
    assert mkdocs_hooks.build_timestamp(_repo(tmp_path / "repo")) == 1767323045.0


def test_source_date_epoch_wins_and_must_be_seconds(monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert mkdocs_hooks.build_timestamp(tmp_path) == 1700000000.0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(PluginError, match="whole seconds"):
        mkdocs_hooks.build_timestamp(tmp_path)


def test_a_tree_without_git_needs_source_date_epoch(no_epoch, tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    with pytest.raises(PluginError, match="not a git work tree.*SOURCE_DATE_EPOCH"):
        mkdocs_hooks.build_timestamp(tmp_path)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="needs root to give the repository to another user")
def test_a_checkout_git_refuses_stops_the_build_instead_of_dating_it_1970(no_epoch, tmp_path,
                                                                          monkeypatch):
    repo = _repo(tmp_path / "repo")
    for folder, _, names in os.walk(repo):
        for name in [folder, *(os.path.join(folder, n) for n in names)]:
            os.chown(name, 65534, 65534)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "empty-gitconfig"))
    with pytest.raises(PluginError, match="refusing to date the site 1970.*safe.directory"):
        mkdocs_hooks.build_timestamp(repo)


def test_the_workflows_mark_the_checkout_safe_before_building():
    for workflow in (ROOT / ".github" / "workflows").glob("*.yml"):
        text = workflow.read_text()
        assert 'git config --global --add safe.directory "$GITHUB_WORKSPACE"' in text, \
            workflow.name
        assert text.index("safe.directory") < text.index("run: make"), workflow.name


def test_git_is_available_here():
    assert shutil.which("git"), "the build needs git (or SOURCE_DATE_EPOCH)"
