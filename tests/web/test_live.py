"""A running server picks up a new index generation without a restart or a failed request."""

import time

from tests.helpers import build


def test_server_serves_the_new_generation_after_an_update(fresh_letters, tmp_path):
    from web import create_app

    index = tmp_path / "index"
    (fresh_letters / "visits" / "halton's monitoring visit.md").rename(tmp_path / "later.md")
    build(fresh_letters, index)
    client = create_app({"TESTING": True, "INDEX": str(index), "RELOAD_SECONDS": 0.0}).test_client()
    assert client.get("/health").get_json()["letters"] == 2
    (tmp_path / "later.md").rename(fresh_letters / "later.md")
    build(fresh_letters, index)
    deadline = time.monotonic() + 10
    statuses, letters = [], 2
    while letters == 2 and time.monotonic() < deadline:
        response = client.get("/search?q=care leavers passport")
        statuses.append(response.status_code)
        letters = client.get("/health").get_json()["letters"]
        time.sleep(0.05)
    assert letters == 3
    assert set(statuses) == {200}


def test_a_reload_that_finishes_late_never_puts_back_an_older_generation(
    fresh_letters, tmp_path, monkeypatch
):
    import web.live
    from tests.synthetic import variant
    from web.live import LiveIndex

    index = tmp_path / "index"
    build(fresh_letters, index)
    live = LiveIndex(index, reload_seconds=0.0)
    older = live.searcher()
    (fresh_letters / "new.txt").write_text(variant("Norfolk"), encoding="utf-8")
    build(fresh_letters, index)
    assert live.refresh().generation.name == "gen-000002"
    # A background reload begun before the update lands after the upload's own refresh.
    monkeypatch.setattr(web.live.Searcher, "open", lambda _folder: older)
    live._reload()
    assert live.searcher().generation.name == "gen-000002"
