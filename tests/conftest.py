"""Shared fixtures: synthetic letters, a tiny index built once, the app, a client, a runner."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from qa.core.offline import stay_offline
from tests.helpers import build
from tests.synthetic import write_letters

stay_offline(os.environ)

SHARED_LETTERS = Path(__file__).resolve().parents[2] / "shared" / "letters"


@pytest.fixture(scope="session")
def letters_dir(tmp_path_factory) -> Path:
    return write_letters(tmp_path_factory.mktemp("letters"))


@pytest.fixture(scope="session")
def index_dir(letters_dir, tmp_path_factory) -> Path:
    index = tmp_path_factory.mktemp("index")
    summary = build(letters_dir, index)
    assert not summary.failed, summary.failed
    return index


@pytest.fixture
def fresh_letters(letters_dir, tmp_path) -> Path:
    """A copy of the synthetic letters that a test may change."""
    return Path(shutil.copytree(letters_dir, tmp_path / "letters"))


ADMIN_TOKEN = "s3cret-token"


@pytest.fixture
def admin_site(fresh_letters, tmp_path):
    """(app, letters folder, index folder): an app over its own index of a writable copy of
    the letters, changes allowed with ADMIN_TOKEN."""
    from web import create_app

    index = tmp_path / "index"
    build(fresh_letters, index)
    config = {
        "TESTING": True,
        "INDEX": str(index),
        "LETTERS": str(fresh_letters),
        "RELOAD_SECONDS": 0.0,
        "ADMIN_TOKEN": ADMIN_TOKEN,
    }
    return create_app(config), fresh_letters, index


@pytest.fixture
def app(index_dir):
    from web import create_app

    return create_app({"TESTING": True, "INDEX": str(index_dir), "RELOAD_SECONDS": 0.0})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def shared_letters() -> Path:
    if not SHARED_LETTERS.is_dir():
        pytest.skip("../shared/letters is not beside this checkout")
    return SHARED_LETTERS
