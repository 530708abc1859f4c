"""Two writers logging at the same moment never fork the audit chain."""

from __future__ import annotations

import threading

from app.services import audit
from tests.factories import Team


def test_concurrent_writers_keep_one_chain(team: Team) -> None:
    # GIVEN two threads that each append audit-only entries (the entry is their first write)
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def writer(name: str) -> None:
        try:
            start.wait()
            for i in range(40):
                with team.db.begin() as session:
                    audit.record(
                        session,
                        actor=name,
                        device="test",
                        action="view",
                        object_type="dossier",
                        object_id=str(i),
                    )
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in ("fatima", "joost")]
    # WHEN they run together
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    # THEN every entry was written and the chain is intact (no two entries share a predecessor)
    assert errors == []
    report = audit.verify_chain(team.db)
    assert report.ok, report
    assert report.entries >= 80
