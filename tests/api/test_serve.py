"""``newsgraph serve``: it serves a store over HTTP on 127.0.0.1, warns on other hosts, and says
what to do when the store is missing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.identity import builder
from tests.synthetic import synthetic_corpus
from tests.web_server import free_port

REPO = Path(__file__).resolve().parents[2]


def test_serve_runs_the_server_on_the_store(tmp_path):
    from newsgraph.store import open_store

    db = tmp_path / "served.db"
    with open_store(str(db)) as store:
        for analysis in synthetic_corpus(5):
            store.add_analysis(analysis)
        builder.rebuild(store)
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env.pop("NEWSGRAPH_TOKEN", None)
    process = subprocess.Popen([sys.executable, "-c", "from newsgraph.cli import main; main()", "serve", "--db", str(db), "--port", str(port)],
                               env=env, stderr=subprocess.PIPE, text=True)
    try:
        body = None
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/articles?limit=10", timeout=2) as response:
                    body = json.loads(response.read())
                break
            except OSError:
                time.sleep(0.1)
        assert body is not None, "the server did not answer"
        assert len(body["rows"]) == 5
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            assert "newsgraph" in response.read().decode()
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=20)
    assert f"serving {db} on http://127.0.0.1:{port}/ (read-only" in stderr


def test_serve_warns_on_a_non_local_host_and_refuses_a_missing_store(tmp_path, monkeypatch):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: calls.append(kwargs))
    db = tmp_path / "x.db"
    db.write_bytes(b"")
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--host", "0.0.0.0"])
    assert result.exit_code == 0 and "warning: listening on 0.0.0.0" in result.output
    assert calls and calls[0]["host"] == "0.0.0.0"
    local = CliRunner().invoke(cli, ["serve", "--db", str(db)])
    assert "warning" not in local.output and calls[-1]["host"] == "127.0.0.1"
    missing = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code != 0 and "newsgraph ingest" in missing.output
