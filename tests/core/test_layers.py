"""The apps point one way: core knows no app, sources know nothing of facts, and
kbase imports none of the tooling in devtools/."""

import ast
from pathlib import Path

import pytest

KBASE = Path(__file__).resolve().parents[2] / "kbase"


def imported_modules(package: Path) -> dict[str, set[str]]:
    """Each module file under `package`, to the absolute names it imports."""
    found = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(KBASE.parent).with_suffix("").parts
        names = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                # Relative imports resolved against the module's own package.
                base = parts[:len(parts) - node.level] if node.level else ()
                module = ".".join([*base, *(node.module.split(".") if node.module else [])])
                names.add(module)
                names.update(f"{module}.{alias.name}" for alias in node.names)
        found[str(path.relative_to(KBASE.parent))] = names
    return found


def importers_of(package: Path, prefix: str) -> list[str]:
    return sorted(module for module, names in imported_modules(package).items()
                  if any(name == prefix or name.startswith(f"{prefix}.") for name in names))


def test_sources_import_nothing_from_facts():
    assert importers_of(KBASE / "sources", "kbase.facts") == []


def test_core_imports_no_app():
    assert importers_of(KBASE / "core", "kbase.facts") == []
    assert importers_of(KBASE / "core", "kbase.sources") == []


def test_kbase_imports_no_devtools():
    assert importers_of(KBASE, "devtools") == []


@pytest.mark.django_db
def test_the_api_root_still_names_the_sources_list(api):
    response = api.get("/api/v1/")
    assert response.status_code == 200
    assert response.json()["sources"] == "http://testserver/api/v1/sources/"
