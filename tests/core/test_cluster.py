"""Two kbase servers over a PostgreSQL primary and a streaming replica (the steps of
`make cluster-demo`, at small size)."""

import shutil
import tempfile
from pathlib import Path

from tests.cluster_demo import demo


def test_two_servers_over_a_primary_and_a_streaming_replica_serve_one_consistent_site():
    # Not pytest's tmp_path: it sits under a folder the postgres user cannot enter.
    root = Path(tempfile.mkdtemp(prefix="kbase-cluster-"))
    try:
        steps = demo(root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    assert steps == [
        "both servers see the replica in rotation",
        "writes through either server land on the primary",
        "anonymous reads come from the replica",
        "both servers give the same answers",
        "the writer reads its own write while the replica is behind",
        "a replica lagging past the bound leaves the read rotation",
        "a replica that catches up returns to the rotation",
        "stopping the replica sends reads to the primary, with no error",
        "the change feed stays gap-free",
    ]
