"""Settings come from the environment; production settings pass Django's deploy checks."""

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "x7Qp-2mZ9vL$kR4tW8yB1nC6hJ3fD5sG0aE-uI7oP9qT2wX4zV6bN8mK1jH3gF5d",
    "ALLOWED_HOSTS": "asiakkuusstrategia.example.fi",
    "CSRF_TRUSTED_ORIGINS": "https://asiakkuusstrategia.example.fi",
}


def _run(code_or_args, env):
    """Run Python in a fresh interpreter (not under pytest) with exactly the given variables."""
    clean = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "SYSTEMROOT"}}
    clean.update(env)
    args = code_or_args if isinstance(code_or_args, list) else ["-c", code_or_args]
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=clean, capture_output=True, text=True, timeout=60
    )


PRINT_SETTINGS = """
import json, os
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({
    "engine": db["ENGINE"], "name": str(db["NAME"]), "host": db.get("HOST"), "port": db.get("PORT"),
    "debug": settings.DEBUG, "session_cookie": settings.SESSION_COOKIE_NAME,
    "csrf_cookie": settings.CSRF_COOKIE_NAME, "secure": settings.SESSION_COOKIE_SECURE,
    "hsts": settings.SECURE_HSTS_SECONDS if hasattr(settings, "SECURE_HSTS_SECONDS") else 0,
    "idle": settings.SESSION_COOKIE_AGE, "renew": settings.SESSION_RENEW_AFTER_SECONDS,
    "csp": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
}))
"""


def test_settings__sqlite_file_in_the_project_is_the_default(tmp_path):
    result = _run(PRINT_SETTINGS, {"DEBUG": "true"})
    assert result.returncode == 0, result.stderr
    db = json.loads(result.stdout)
    assert db["engine"] == "django.db.backends.sqlite3"
    # An absolute path beside manage.py, not an in-memory database.
    assert db["name"] == str(BASE_DIR / "db.sqlite3")


def test_settings__database_url_is_honoured():
    url = "postgres://strategia:salasana@db.example.fi:5433/asiakkuusstrategia"
    result = _run(PRINT_SETTINGS, {"DEBUG": "true", "DATABASE_URL": url})
    assert result.returncode == 0, result.stderr
    db = json.loads(result.stdout)
    assert db["engine"] == "core.postgresql"
    assert (db["name"], db["host"], str(db["port"])) == (
        "asiakkuusstrategia",
        "db.example.fi",
        "5433",
    )


def test_settings__production_without_secret_key_refuses_to_start():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = _run(PRINT_SETTINGS, env)
    assert result.returncode != 0
    assert "SECRET_KEY puuttuu" in result.stderr


def test_settings__production_uses_host_cookies_hsts_idle_timeout_and_csp():
    result = _run(PRINT_SETTINGS, PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    prod = json.loads(result.stdout)
    assert prod["debug"] is False
    assert prod["session_cookie"] == "__Host-sessionid"
    assert prod["csrf_cookie"] == "__Host-csrftoken"
    assert prod["secure"] is True
    assert prod["hsts"] == 31536000
    assert 30 * 60 <= prod["idle"] <= 60 * 60 and 0 < prod["renew"] <= prod["idle"] // 10
    assert prod["csp"]["default-src"] == ["'self'"]
    assert prod["csp"]["object-src"] == ["'none'"]
    assert prod["csp"]["frame-ancestors"] == ["'none'"]


def test_settings__production_passes_check_deploy_with_nothing_silenced():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_settings__documented_variables_are_all_in_env_example():
    example = (BASE_DIR / ".env.example").read_text()
    for name in ["DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS"]:
        assert f"{name}=" in example, name
