"""Architecture figures: functions over 60 lines, view functions/methods over 15, files over 400."""

import ast
import pathlib
import sys

root = pathlib.Path(sys.argv[1])
apps = ["core", "config", "segments", "offerings", "responsibility", "governance"]
long_funcs, long_views, long_files = [], [], []
for app in apps:
    for path in sorted((root / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        text = path.read_text()
        n = len(text.splitlines())
        if n > 400:
            long_files.append((n, str(path.relative_to(root))))
        tree = ast.parse(text)
        isview = "views" in path.parts or path.name == "views.py"
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > 60:
                    long_funcs.append((length, f"{path.relative_to(root)}:{node.name}"))
                if isview and length > 15:
                    long_views.append((length, f"{path.relative_to(root)}:{node.name}"))
for title, rows in [
    ("functions > 60", long_funcs),
    ("view functions > 15", long_views),
    ("files > 400", long_files),
]:
    print(f"{title}: {len(rows)}")
    for r in sorted(rows, reverse=True):
        print("  ", *r)
