"""Apps import downward only: segments <- offerings <- responsibility <- governance."""

import ast
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
APPS = ["segments", "offerings", "responsibility", "governance"]


def _imported_apps(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in APPS:
                yield top, node.lineno


def _string_references(path):
    """Lazy model references such as "governance.Decision" count as imports too."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            head, _, tail = node.value.partition(".")
            if head in APPS and tail[:1].isupper():
                yield head, node.lineno


def violations():
    found = []
    for rank, app in enumerate(APPS):
        allowed = set(APPS[: rank + 1])
        for path in sorted((BASE_DIR / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue  # generated; they follow the models
            for source in (_imported_apps, _string_references):
                for imported, line in source(path):
                    if imported not in allowed:
                        found.append(f"{path.relative_to(BASE_DIR)}:{line} imports {imported}")
    return found


def test_architecture__apps_import_downward_only():
    assert violations() == []


def test_architecture__the_checker_catches_an_upward_import(tmp_path, monkeypatch):
    fake = tmp_path / "segments"
    fake.mkdir()
    (fake / "bad.py").write_text(
        "from governance.roles import ROLES\nX = 'offerings.Organisation'\n"
    )
    for app in APPS[1:]:
        (tmp_path / app).mkdir()
    monkeypatch.setattr(__import__(__name__, fromlist=["BASE_DIR"]), "BASE_DIR", tmp_path)
    assert violations() == [
        "segments/bad.py:1 imports governance",
        "segments/bad.py:2 imports offerings",
    ]
