"""ORM entities. Importing this package registers every table on ``Base.metadata``."""

from app.domain import audit, clients, dossiers, users

__all__ = ["audit", "clients", "dossiers", "users"]
