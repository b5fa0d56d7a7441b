"""The clean-checkout check (tests/helpers/checkout.py, run by tests/conftest.py around every
session) sees what a test could leave behind, in a scratch git repository, and lets through
only the ignored places a run is meant to write to."""
import subprocess

import pytest

from tests.helpers import REPO, checkout


@pytest.fixture
def repo(tmp_path):
    """A git repository with a tracked file, the kit's .gitignore and one commit."""
    def git(*args):
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / ".gitignore").write_text((REPO / ".gitignore").read_text())
    (tmp_path / "README.md").write_text("kit\n")
    (tmp_path / "course").mkdir()
    (tmp_path / "course" / "nbgrader_config.py").write_text("c = get_config()\n")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false",
        "commit", "-q", "-m", "start")
    return tmp_path


def test_an_untouched_checkout_shows_no_change(repo):
    assert checkout.changes(checkout.snapshot(repo), checkout.snapshot(repo)) == []


def test_nbgrader_output_in_the_course_root_is_caught_although_git_ignores_it(repo):
    before = checkout.snapshot(repo)
    (repo / "course" / "release" / "01_x").mkdir(parents=True)
    (repo / "course" / "release" / "01_x" / "a.ipynb").write_text("{}")
    (repo / "course" / "gradebook.db").write_bytes(b"sqlite")
    assert checkout.changes(before, checkout.snapshot(repo)) == ["created course/gradebook.db",
                                                                 "created course/release/"]


def test_new_untracked_files_and_edits_of_tracked_files_are_caught(repo):
    before = checkout.snapshot(repo)
    (repo / "notes.txt").write_text("left behind\n")
    (repo / "README.md").write_text("kit, edited\n")
    assert checkout.changes(before, checkout.snapshot(repo)) == ["changed README.md", "created notes.txt"]


def test_a_second_edit_of_an_already_edited_file_is_caught(repo):
    (repo / "README.md").write_text("edited before the run\n")
    before = checkout.snapshot(repo)
    (repo / "README.md").write_text("edited again by a test\n")
    assert checkout.changes(before, checkout.snapshot(repo)) == ["changed README.md"]


def test_deleting_a_tracked_file_is_caught(repo):
    before = checkout.snapshot(repo)
    (repo / "course" / "nbgrader_config.py").unlink()
    assert checkout.changes(before, checkout.snapshot(repo)) == ["deleted course/nbgrader_config.py"]


def test_the_places_a_run_may_write_to_are_let_through(repo):
    before = checkout.snapshot(repo)
    for folder in ["artifacts", ".hypothesis", ".pytest_cache", "minigrad/__pycache__", ".venv/bin",
                   "minigrad_kit.egg-info"]:
        (repo / folder).mkdir(parents=True)
        (repo / folder / "file").write_text("x")
    assert checkout.changes(before, checkout.snapshot(repo)) == []


def test_a_folder_that_is_not_the_top_of_a_checkout_is_refused(repo, tmp_path_factory):
    with pytest.raises(checkout.NotACheckout, match="not at its top"):
        checkout.snapshot(repo / "course")
    with pytest.raises(checkout.NotACheckout):
        checkout.snapshot(tmp_path_factory.mktemp("not_a_repo"))
