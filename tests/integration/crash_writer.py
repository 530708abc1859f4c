"""Child process of the kill test: write many dossiers in ONE transaction, pausing halfway.

Usage: ``python -m tests.integration.crash_writer DATA_DIR COUNT pause|finish``. With ``pause``
it prints ``halfway`` once half the rows are written (and spilled into the WAL by a tiny page
cache) and then waits on stdin, so the test can kill it mid-transaction at a known point.
"""

from __future__ import annotations

import os
import sys
import uuid
from datetime import date
from pathlib import Path

from sqlalchemy import insert, select

from app.config import Paths, load_config
from app.domain.clients import Client
from app.domain.dossiers import Dossier
from app.domain.users import User
from app.services.auth import login

BATCH = 1000


def main(data_dir: str, count: int, mode: str) -> int:
    paths = Paths(Path(data_dir))
    opened = login(paths, load_config(paths), "fatima", os.environ["HELDER_PASSWORD"], device="crash-test")
    with opened.db.engine.begin() as conn:
        if mode == "pause":
            conn.exec_driver_sql("PRAGMA cache_size = 100")  # spill dirty pages into the WAL early
        owner = conn.execute(select(User.id).where(User.username == "fatima")).scalar_one()
        for start in range(0, count, BATCH):
            clients, dossiers = [], []
            for i in range(start, min(start + BATCH, count)):
                client_id = uuid.uuid4()
                clients.append(
                    {
                        "id": client_id,
                        "bsn": "123456782",
                        "surname": f"Crash{i:06d}",
                        "first_names": "Test",
                        "search_key": f"crash{i:06d}",
                    }
                )
                dossiers.append(
                    {
                        "number": f"2026-KT-{i:06d}",
                        "client_id": client_id,
                        "owner_id": owner,
                        "reported_on": date(2026, 11, 2),
                        "phase_since": date(2026, 11, 2),
                    }
                )
            conn.execute(insert(Client), clients)
            conn.execute(insert(Dossier), dossiers)
            if mode == "pause" and start + BATCH >= count // 2 and start < count // 2:
                print("halfway", flush=True)
                sys.stdin.readline()  # the test kills us here
    print("committed", flush=True)
    opened.db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), sys.argv[3]))
