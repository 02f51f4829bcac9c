"""Finding the machine's PostgreSQL binaries (kbase.core.backups runs pg_dump and
pg_restore). Standard library only: the local cluster script uses it before any
virtualenv exists."""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from pathlib import Path


def _version_key(path: str) -> tuple[int, ...]:
    match = re.search(r"/postgresql/([\d.]+)/bin", path)
    return tuple(int(part) for part in match.group(1).split(".")) if match else (0,)


def find_bindir(*, need: str = "postgres") -> Path | None:
    """Newest binaries first (the major version differs between Debian releases):
    $PG_BINDIR, then $KBASE_PG_ROOT/*/bin (default /usr/lib/postgresql), then
    `pg_config --bindir`. `need` names a program the directory must hold."""
    candidates: list[str] = []
    if os.environ.get("PG_BINDIR"):
        candidates.append(os.environ["PG_BINDIR"])
    root = os.environ.get("KBASE_PG_ROOT", "/usr/lib/postgresql")
    candidates += sorted(glob.glob(f"{root}/*/bin"), key=_version_key, reverse=True)
    pg_config = shutil.which("pg_config")
    if pg_config and "KBASE_PG_ROOT" not in os.environ:
        result = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True,  # noqa: S603
                                check=False)
        if result.returncode == 0:
            candidates.append(result.stdout.strip())
    for candidate in candidates:
        if (Path(candidate) / need).is_file():
            return Path(candidate)
    return None
