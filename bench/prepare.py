"""Fill the benchmark database: `python -m bench.prepare --facts N` (run by bench.run).

Runs in its own process because Django is configured once per process, here with
kbase's production settings pointed at the benchmark database.
"""

from __future__ import annotations

import argparse
import json
import os
import sys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--facts", type=int, required=True)
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()

    import django
    from django.core.management import call_command

    django.setup()
    from bench.database import record_size
    from bench.generate import generate

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    report = generate(facts=args.facts, progress=not args.quiet)
    record_size(os.environ["DATABASE_URL"], args.facts)
    json.dump(report.as_dict(), sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
