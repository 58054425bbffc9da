"""Fail closed and recover: with the database unreachable every URL answers the static 503
page with Retry-After, and the app serves again by itself when the database returns.

Real parts: the app runs under gunicorn in a subprocess; on PostgreSQL it reaches the
database through a TCP proxy that this test starts, stops and starts again; on SQLite the
database file's folder is moved away and back (an unmounted volume)."""

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
URLS = ["/", "/accounts/login/", "/segments/", "/accessibility/", "/healthz", "/no-such-page/"]


class TcpProxy:
    """Forwards a local port to the database server; stop() refuses and cuts every
    connection, start() serves again on the same port."""

    def __init__(self, target):
        self.target = target
        self.port = _free_port()
        self.listener = None
        self.connections = []
        self.lock = threading.Lock()

    def start(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(50)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def stop(self):
        # shutdown() wakes the thread blocked in accept(); close() alone would not.
        _close(self.listener)
        with self.lock:
            for sock in self.connections:
                _close(sock)
            self.connections.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.target)
            except OSError:
                _close(client)
                continue
            with self.lock:
                self.connections += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            _close(source)
            _close(sink)


def _close(sock):
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresOutage:
    def __init__(self, tmp_path):
        s = connection.settings_dict
        self.proxy = TcpProxy((s["HOST"] or "127.0.0.1", int(s["PORT"] or 5432)))
        self.proxy.start()
        self.url = f"postgres://{s['USER']}@127.0.0.1:{self.proxy.port}/{s['NAME']}"

    def begin(self):
        self.proxy.stop()

    def end(self):
        self.proxy.start()


class SqliteOutage:
    def __init__(self, tmp_path):
        self.folder = tmp_path / "volume"
        self.folder.mkdir()
        path = self.folder / "db.sqlite3"
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [str(path)])
        self.away = tmp_path / "unmounted"
        self.url = f"sqlite:///{path}"

    def begin(self):
        self.folder.rename(self.away)

    def end(self):
        self.away.rename(self.folder)


def _get(port, path):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _wait_until_serving(port, server):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, "gunicorn stopped"
        try:
            if _get(port, "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("gunicorn did not start serving")


@pytest.fixture
def outage(transactional_db, strategy_data, tmp_path):
    kind = PostgresOutage if connection.vendor == "postgresql" else SqliteOutage
    return kind(tmp_path)


def test_database_unreachable__every_url_answers_503_and_the_app_recovers_by_itself(
    outage, tmp_path
):
    port = _free_port()
    environment = {
        "PATH": os.environ["PATH"],
        "DATABASE_URL": outage.url,
        "DEBUG": "false",
        "SECRET_KEY": "outage-test-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "USE_HTTPS": "false",
        "LOG_LEVEL": "CRITICAL",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    # As deployed: hashed static files collected first.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=environment,
        check=True,
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--config",
            "python:config.gunicorn",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_serving(port, server)
        assert _get(port, "/accounts/login/")[0] == 200
        assert _get(port, "/")[0] == 302

        outage.begin()
        for path in URLS:
            status, headers, body = _get(port, path)
            assert (path, status) == (path, 503)
            assert headers["Retry-After"] == "30"
            assert "Traceback" not in body
            if path != "/healthz":
                assert "Palvelu ei ole juuri nyt käytettävissä" in body
        # The 503 page's own stylesheet is still served.
        assert _get(port, "/static/css/app.css")[0] == 200

        outage.end()
        assert _get(port, "/healthz")[0] == 200
        assert _get(port, "/accounts/login/")[0] == 200
        assert _get(port, "/")[0] == 302
    finally:
        server.terminate()
        server.wait(timeout=30)
