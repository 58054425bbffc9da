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


# --- The ground floor ---------------------------------------------------------------------


def test_architecture__the_ground_floor_imports_no_domain_app():
    found = [
        f"{path.relative_to(BASE_DIR)}:{line} imports {imported}"
        for path in sorted((BASE_DIR / "core").rglob("*.py"))
        for source in (_imported_apps, _string_references)
        for imported, line in source(path)
    ]
    assert found == []


# --- Each app's tables are written only through that app's services ----------------------

WRITES = {
    "create",
    "get_or_create",
    "update_or_create",
    "update",
    "delete",
    "bulk_create",
    "bulk_update",
    "save",
}


def _models_of(app):
    """The model class names an app defines (models.py or the models/ package)."""
    package = BASE_DIR / app / "models"
    paths = package.rglob("*.py") if package.is_dir() else [BASE_DIR / app / "models.py"]
    names = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef):
                names.add(node.name)
    return names


def _root(node):
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node


def _foreign_writes(path, app, owners):
    """Writes in `path` (of `app`) to models of other apps: constructing one, or calling a
    write method (save, create, update, delete, bulk_*) on a chain that starts at one or
    at a variable taken from one (`x = Goal.objects.get(...)`, `for x in Goal.objects…`)."""
    tree = ast.parse(path.read_text())
    foreign = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            top = node.module.split(".")[0]
            if top in APPS and top != app:
                for alias in node.names:
                    if owners.get(alias.name, app) != app:
                        foreign[alias.asname or alias.name] = owners[alias.name]
    tracked = dict(foreign)
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            root = _root(node.value)
            if isinstance(root, ast.Name) and root.id in foreign:
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        tracked[target.id] = foreign[root.id]
        elif isinstance(node, ast.For):
            root = _root(node.iter)
            if (
                isinstance(root, ast.Name)
                and root.id in foreign
                and isinstance(node.target, ast.Name)
            ):
                tracked[node.target.id] = foreign[root.id]
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        if isinstance(function, ast.Name) and function.id in foreign:
            yield node.lineno, f"builds {function.id} of {foreign[function.id]}"
        if isinstance(function, ast.Attribute) and function.attr in WRITES:
            root = _root(function.value)
            if isinstance(root, ast.Name) and root.id in tracked:
                yield node.lineno, f"{function.attr}() on {root.id} of {tracked[root.id]}"


def cross_app_writes():
    owners = {name: app for app in APPS for name in _models_of(app)}
    found = []
    for app in APPS:
        for path in sorted((BASE_DIR / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue  # schema and data migrations follow the models
            for line, what in _foreign_writes(path, app, owners):
                found.append(f"{path.relative_to(BASE_DIR)}:{line} {what}")
    return sorted(found)


def test_architecture__each_table_is_written_only_by_its_apps_services():
    assert cross_app_writes() == []


def test_architecture__the_write_checker_catches_a_write_across_app_lines(tmp_path, monkeypatch):
    for app in APPS:
        (tmp_path / app).mkdir()
    (tmp_path / "segments" / "models.py").write_text("class Goal:\n    pass\n")
    (tmp_path / "offerings" / "models.py").write_text("class Service:\n    pass\n")
    (tmp_path / "responsibility" / "models.py").write_text("")
    (tmp_path / "governance" / "models.py").write_text("")
    (tmp_path / "governance" / "bad.py").write_text(
        "from segments.models import Goal\n"
        "from offerings.models import Service\n"
        "def f():\n"
        "    Goal(text='x').save()\n"
        "    goal = Goal.objects.get(pk=1)\n"
        "    goal.delete()\n"
        "    Service.objects.filter(pk=1).update(name='y')\n"
        "    return Goal.objects.filter(pk=1).exists()\n"
    )
    monkeypatch.setattr(__import__(__name__, fromlist=["BASE_DIR"]), "BASE_DIR", tmp_path)
    assert sorted(cross_app_writes()) == [
        "governance/bad.py:4 builds Goal of segments",
        "governance/bad.py:4 save() on Goal of segments",
        "governance/bad.py:6 delete() on goal of segments",
        "governance/bad.py:7 update() on Service of offerings",
    ]
