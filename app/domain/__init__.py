"""ORM entities. Importing this package registers every table on ``Base.metadata``."""

from app.domain import (
    assessments,
    audit,
    budgets,
    clients,
    debts,
    dossiers,
    letters,
    norms,
    traject,
    users,
    voorlegger,
)

__all__ = [
    "assessments",
    "audit",
    "budgets",
    "clients",
    "debts",
    "dossiers",
    "letters",
    "norms",
    "traject",
    "users",
    "voorlegger",
]
