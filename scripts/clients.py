"""Generate kbase's clients from its OpenAPI schema (`make clients`).

    python scripts/clients.py [OUT]

writes OUT/openapi.json (the schema), OUT/typescript/src/schema.ts (openapi-typescript,
from clients/typescript/node_modules) and OUT/python (openapi-python-client). OUT is
clients/ by default; tests/api/test_clients.py generates into a temporary directory
and compares.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = ROOT / "clients"
BIN = Path(sys.executable).parent


def generate(out: Path) -> None:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
           # The schema's server is the documented default, wherever it is generated.
           "KBASE_PUBLIC_URL": "http://127.0.0.1:8000"}
    schema = out / "openapi.json"
    schema.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "manage.py", "spectacular", "--format", "openapi-json",
                    "--fail-on-warn", "--file", str(schema)], cwd=ROOT, env=env, check=True)
    typescript = out / "typescript" / "src" / "schema.ts"
    typescript.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(CLIENTS / "typescript" / "node_modules" / ".bin" / "openapi-typescript"),
                    str(schema), "--output", str(typescript),
                    # The same rules as `make lint-schema`.
                    "--redocly", str(ROOT / "redocly.yaml")], cwd=ROOT, env=env, check=True)
    with tempfile.TemporaryDirectory() as scratch:
        python = Path(scratch) / "python"
        subprocess.run([str(BIN / "openapi-python-client"), "generate", "--path", str(schema),
                        "--output-path", str(python), "--meta", "setup",
                        "--config", str(CLIENTS / "python-config.yaml")],
                       cwd=ROOT, env=env, check=True)
        shutil.rmtree(out / "python", ignore_errors=True)
        shutil.copytree(python, out / "python",
                        ignore=shutil.ignore_patterns(".ruff_cache", "__pycache__"))


if __name__ == "__main__":
    generate(Path(sys.argv[1]) if len(sys.argv) > 1 else CLIENTS)
