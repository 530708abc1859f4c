"""Accounts, login and the database that a login opens (BIO2 5.16, 8.01.01, 8.03.02).

For the local SQLite file the password unwraps the data key (``app.db.keys``); without the right
password the file cannot even be read. Failed logins cannot be written into a database that is
still locked, so they are kept (a digest of the typed name, the account name when it exists, the
moment) in a small file and moved into the audit log at the next successful login.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import platform
import secrets
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.config import LocalConfig, Paths
from app.db.backup import integrity_problem, key_file_for, rolling_backup
from app.db.base import utcnow
from app.db.engine import Database, open_sqlite, open_url
from app.db.keys import KdfParams, KeyFile, new_data_key
from app.db.migrate import known_heads, stored_revisions, upgrade
from app.domain.users import ROLE_LABELS, Role, User
from app.errors import (
    AuthenticationError,
    DatabaseDamagedError,
    DatabaseError,
    NotFoundError,
    ValidationError,
)
from app.services import audit
from app.services.context import CurrentUser, ServiceContext

MIN_PASSWORD_LENGTH = 10
FAILED_LOGINS_FILE = "failed-logins.jsonl"


def _hasher() -> PasswordHasher:
    p = KdfParams.default()
    return PasswordHasher(time_cost=p.time_cost, memory_cost=p.memory_kib, parallelism=p.parallelism)


def hash_password(password: str) -> str:
    """Return an argon2id hash of ``password``."""
    return _hasher().hash(password)


def password_error(password: str) -> str | None:
    """Return a Dutch message when ``password`` is too weak for a personal account."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Kies een wachtwoord van minstens {MIN_PASSWORD_LENGTH} tekens."
    if password.isdigit() or password.isalpha():
        return "Gebruik letters én cijfers of leestekens in het wachtwoord."
    return None


def login_delay_seconds(consecutive_failures: int) -> int:
    """Seconds to wait before the next try: none for 2 mistakes, then 2, 4, 8 … up to 60."""
    if consecutive_failures < 3:
        return 0
    return int(min(60, 2 ** (consecutive_failures - 2)))


@dataclass(frozen=True)
class Opened:
    """A database opened by a login, and the user who opened it."""

    db: Database
    user: CurrentUser
    config: LocalConfig
    paths: Paths

    def context(self) -> ServiceContext:
        return ServiceContext(self.db, self.user, device_code=self.config.device_code or "XX")


def database_exists(paths: Paths, config: LocalConfig) -> bool:
    """Return True when there is a database to log in to (for a server: one with accounts)."""
    if not config.database_url:
        return paths.local_database_exists()
    from sqlalchemy import inspect

    db = open_url(config.database_url)
    try:
        if "users" not in inspect(db.engine).get_table_names():
            return False
        with db.read() as session:
            return bool(session.execute(select(func.count()).select_from(User)).scalar_one())
    finally:
        db.dispose()


def _current(user: User) -> CurrentUser:
    return CurrentUser(user.id, user.username, user.full_name, user.role_set)


def _backup_callable(paths: Paths, config: LocalConfig, db: Database) -> object:
    if not db.is_sqlite or db.data_key is None:
        return None
    key = db.data_key
    return lambda: rolling_backup(
        paths.database, key, paths.backups(config), config.backup_keep, "voor-migratie"
    )


def open_database(
    paths: Paths,
    config: LocalConfig,
    data_key: bytes | None,
    *,
    before_changes: Callable[[], None] | None = None,
) -> Database:
    """Open the configured database and bring its schema up to date (backup first).

    ``before_changes`` runs before a migration may change the file (it raises to stop).
    """
    if config.database_url:
        db = open_url(config.database_url)
    else:
        if data_key is None:
            raise DatabaseError("Geen sleutel voor de database.")
        db = open_sqlite(paths.database, data_key)
    backup = _backup_callable(paths, config, db)
    try:
        if before_changes is not None and stored_revisions(db) != known_heads():
            before_changes()
        upgrade(db, backup=backup if callable(backup) else None)
    except BaseException:
        db.dispose()
        raise
    from app.services.registry import load_all  # capability gates and timeline sources

    load_all()
    return db


def init_database(
    paths: Paths,
    config: LocalConfig,
    *,
    municipality: str,
    admin_username: str,
    admin_password: str,
    admin_full_name: str = "",
    check_password: bool = True,
) -> Opened:
    """Create a new database with its first beheerder (first run).

    Raises:
        ValidationError: a field is missing or the password is too weak.
        DatabaseError: a database already exists here.
    """
    errors: dict[str, str] = {}
    if not municipality.strip():
        errors["municipality"] = "Vul de naam van de gemeente in."
    if not admin_username.strip() or not admin_username.strip().isidentifier():
        errors["username"] = "Kies een gebruikersnaam van letters en cijfers, zonder spaties."
    if check_password and (problem := password_error(admin_password)):
        errors["password"] = problem
    if errors:
        raise ValidationError(errors)
    if database_exists(paths, config):
        raise DatabaseError("Hier staat al een Helder-database. Er is niets overschreven.")
    from app.config import save_config

    save_config(paths, config)
    data_key: bytes | None = None
    if not config.database_url:
        data_key = new_data_key()
        KeyFile(paths.key_file).wrap(admin_username.strip(), admin_password, data_key)
    db = open_database(paths, config, data_key)
    from app.services import settings

    with db.begin() as session:
        user = User(
            username=admin_username.strip().lower(),
            full_name=admin_full_name or admin_username,
            roles=Role.ADMIN.value,
            password_hash=hash_password(admin_password),
            updated_by=admin_username,
        )
        session.add(user)
        session.flush()
        settings.put(session, "municipality.name", municipality.strip(), admin_username)
        audit.record(
            session,
            actor=user.username,
            device=platform.node(),
            action="init",
            object_type="database",
            result="ok",
            details={"municipality": municipality},
        )
        current = _current(user)
    return Opened(db, current, config, paths)


UNKNOWN_USER = "onbekend"


SECRET_FILE = "helder.secret"


def _installation_secret(paths: Paths) -> bytes:
    """The installation's random secret: in the key file, or (team mode) in ``helder.secret``."""
    keys = KeyFile(paths.key_file)
    if keys.exists():
        try:
            return keys.installation_secret()
        except DatabaseError:
            pass
    path = paths.data_dir / SECRET_FILE
    if path.exists():
        return path.read_bytes()
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    fresh = secrets.token_bytes(32)
    path.write_bytes(fresh)
    if os.name != "nt":
        os.chmod(path, 0o600)
    return fresh


def _name_digest(paths: Paths, name: str) -> str:
    """A keyed digest of a typed name (HMAC-SHA256 with the installation's secret), never the name."""
    return hmac.new(
        _installation_secret(paths), name.strip().lower().encode("utf-8"), hashlib.sha256
    ).hexdigest()


def recent_failures(paths: Paths, username: str) -> int:
    """Return how many failed logins for ``username`` follow the last successful login here.

    The counter lives in the key file, so deleting the failed-login file does not reset it.
    """
    digest = _name_digest(paths, username)
    stored = _stored_failures(paths).get(digest, {})
    count = int(str(stored.get("count", 0)))
    path = paths.data_dir / FAILED_LOGINS_FILE
    if path.exists():
        lines = 0
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                item = json.loads(line)
            except ValueError:
                continue
            if isinstance(item, dict) and item.get("name") == digest:
                lines += 1
        count = max(count, lines)
    return count


def seconds_until_next_try(paths: Paths, username: str, now: datetime | None = None) -> int:
    """How long the next login of ``username`` must wait (the GUI's back-off, for the command line)."""
    delay = login_delay_seconds(recent_failures(paths, username))
    if not delay:
        return 0
    last = _stored_failures(paths).get(_name_digest(paths, username), {}).get("last")
    if not isinstance(last, str):
        return 0
    waited = ((now or utcnow()) - datetime.fromisoformat(last)).total_seconds()
    return max(0, int(delay - waited + 0.999))


def _stored_failures(paths: Paths) -> dict[str, dict[str, object]]:
    keys = KeyFile(paths.key_file)
    if not keys.exists():
        return {}
    try:
        return keys.failures()
    except DatabaseError:
        return {}


def _count_failure(paths: Paths, digest: str, *, reset: bool = False) -> None:
    keys = KeyFile(paths.key_file)
    if not keys.exists():
        return
    try:
        failures = keys.failures()
        if reset:
            if digest not in failures:
                return
            failures.pop(digest)
        else:
            before = int(str(failures.get(digest, {}).get("count", 0)))
            failures[digest] = {"count": before + 1, "last": utcnow().isoformat()}
        keys.set_failures(failures)
    except DatabaseError:
        return


def _note_failure(paths: Paths, name: str, device: str, *, known: bool, audited: bool) -> None:
    """Remember a failed login in a small plain file (the database may still be locked).

    Only a digest of the typed name is kept for the delay, plus the name itself when it is a
    real account: people sometimes type their password into the name field, and that text must
    never reach the disk in the clear.
    """
    digest = _name_digest(paths, name)
    _count_failure(paths, digest)
    item: dict[str, object] = {"name": digest, "at": utcnow().isoformat(), "device": device[:100]}
    if not audited:
        item["user"] = name[:64] if known else UNKNOWN_USER
    else:
        item["audited"] = True
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    with (paths.data_dir / FAILED_LOGINS_FILE).open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(item) + "\n")


def _flush_failures(paths: Paths, db: Database) -> None:
    path = paths.data_dir / FAILED_LOGINS_FILE
    if not path.exists():
        return
    lines = path.read_text(encoding="utf-8").splitlines()
    with db.begin() as session:
        for line in lines:
            try:
                item = json.loads(line)
            except ValueError:
                continue
            if not isinstance(item, dict) or item.get("audited"):
                continue
            actor = str(item.get("user", UNKNOWN_USER))[:64]
            audit.record(
                session,
                actor=actor,
                device=str(item.get("device", ""))[:100],
                action="login",
                object_type="user",
                object_id=actor,
                result="failed",
                details={"at": str(item.get("at", ""))},
            )
    path.unlink(missing_ok=True)


def _known_in_key_file(paths: Paths, name: str) -> bool:
    try:
        return name in KeyFile(paths.key_file).usernames()
    except DatabaseError:
        return False


def _open_checked(paths: Paths, config: LocalConfig, data_key: bytes | None) -> Database:
    """Open the database; for the local file, check it first (the key fits, so a failure is damage)."""
    if config.database_url or data_key is None:
        return open_database(paths, config, data_key)
    # quick_check reads every page (about 0.1 s per 1 000 dossiers). It runs in a thread (SQLite
    # releases the GIL) while the schema is checked and the capability modules are imported;
    # nothing is written — no migration, no login line — before it has passed.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="quick-check") as pool:
        checking = pool.submit(integrity_problem, paths.database, data_key, quick=True)

        def require_sound() -> None:
            if checking.result() is not None:
                raise DatabaseDamagedError(
                    "De database is beschadigd. Helder kan de nieuwste goede reservekopie terugzetten."
                )

        try:
            db = open_database(paths, config, data_key, before_changes=require_sound)
        except DatabaseDamagedError:
            raise
        except Exception:
            require_sound()  # a damaged file is reported as damaged, whatever failed first
            raise
        try:
            require_sound()
        except BaseException:
            db.dispose()
            raise
    return db


def login(paths: Paths, config: LocalConfig, username: str, password: str, *, device: str = "") -> Opened:
    """Open the database as ``username``.

    The local file is checked first (SQLite ``quick_check``): a damaged database raises
    :class:`DatabaseDamagedError`, so the interface can offer the newest good backup.

    Raises:
        AuthenticationError: wrong name or password, or the account is disabled (calm Dutch text).
        DatabaseDamagedError: the key fits but the database file is damaged.
        DatabaseError: the database cannot be opened or is newer than this program.
    """
    device = device or platform.node()
    name = username.strip().lower()
    try:
        data_key = None if config.database_url else KeyFile(paths.key_file).unwrap(name, password)
    except AuthenticationError:
        _note_failure(paths, name, device, known=_known_in_key_file(paths, name), audited=False)
        raise
    db = _open_checked(paths, config, data_key)
    if not config.database_url:  # half-written backups of a killed process (20-50 MB each)
        from app.db.backup import clean_stale_parts

        clean_stale_parts(paths.data_dir, paths.backups(config))
    with db.begin() as session:
        user = session.execute(select(User).where(User.username == name)).scalar_one_or_none()
        ok = user is not None and user.active
        # Unwrapping the data key (argon2id + AES-GCM bound to the name) already proved this
        # password for the local file; the stored hash is checked where there is no key file.
        if ok and user is not None and data_key is None:
            try:
                _hasher().verify(user.password_hash, password)
            except VerificationError:
                ok = False
        if not ok or user is None:
            audit.record(
                session,
                actor=name if user is not None else UNKNOWN_USER,
                device=device,
                action="login",
                object_type="user",
                object_id=name if user is not None else "",
                result="failed",
            )
        else:
            user.last_login_at = utcnow()
            _count_failure(paths, _name_digest(paths, name), reset=True)
            audit.record(
                session,
                actor=name,
                device=device,
                action="login",
                object_type="user",
                object_id=name,
                result="ok",
            )
            current = _current(user)
    if not ok:
        db.dispose()
        _note_failure(paths, name, device, known=True, audited=True)
        raise AuthenticationError("Gebruikersnaam of wachtwoord klopt niet, of het account is uitgezet.")
    _flush_failures(paths, db)
    return Opened(db, current, config, paths)


def verify_password(ctx: ServiceContext, password: str) -> bool:
    """Check the current user's password (to unlock the screen); log the outcome."""
    with ctx.db.begin() as session:
        user = session.get(User, ctx.user.id)
        ok = False
        if user is not None and user.active:
            try:
                ok = _hasher().verify(user.password_hash, password)
            except VerificationError:
                ok = False
        audit.log(session, ctx, "unlock", "user", ctx.user.username, "ok" if ok else "failed")
    return ok


def record_lock(ctx: ServiceContext) -> None:
    """Log that the screen was locked."""
    with ctx.db.begin() as session:
        audit.log(session, ctx, "lock", "user", ctx.user.username)


@dataclass(frozen=True)
class UserView:
    """A user account as the beheer screen shows it."""

    id: uuid.UUID
    username: str
    full_name: str
    roles: tuple[str, ...]
    roles_label: str
    active: bool
    phone: str
    email: str
    job_title: str
    last_login_at: datetime | None
    version: int


def _view(user: User) -> UserView:
    roles = tuple(sorted(r.value for r in user.role_set))
    label = ", ".join(ROLE_LABELS[Role(r)] for r in roles)
    return UserView(
        user.id,
        user.username,
        user.full_name,
        roles,
        label,
        user.active,
        user.phone,
        user.email,
        user.job_title,
        user.last_login_at,
        user.version,
    )


def list_users(ctx: ServiceContext, *, include_inactive: bool = True) -> list[UserView]:
    """Return every account (beheerder), or the active counsellors (anyone, for pickers)."""
    query = select(User).order_by(User.full_name)
    if not include_inactive:
        query = query.where(User.active.is_(True))
    else:
        ctx.user.require(Role.ADMIN)
    with ctx.db.read() as session:
        return [_view(u) for u in session.execute(query).scalars()]


def _data_key(ctx: ServiceContext) -> bytes | None:
    return ctx.db.data_key


def _key_file(ctx: ServiceContext) -> KeyFile | None:
    if ctx.db.path is None:
        return None
    return KeyFile(key_file_for(ctx.db.path))


@contextmanager
def _key_file_guard(keys: KeyFile | None) -> Iterator[None]:
    """Undo a key-file change when the database transaction around it fails.

    The key file and the database cannot commit together; the key file is written last inside
    the transaction, and put back as it was when the commit does not happen, so a password and
    its wrapped key never disagree.
    """
    snapshot = keys.path.read_bytes() if keys is not None and keys.exists() else None
    try:
        yield
    except BaseException:
        if keys is not None:
            if snapshot is None:
                keys.path.unlink(missing_ok=True)
            else:
                tmp = keys.path.with_suffix(".undo")
                tmp.write_bytes(snapshot)
                os.replace(tmp, keys.path)
        raise


def _user_errors(name: str, full_name: str, roles: list[str], password: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not name or not name.isidentifier():
        errors["username"] = "Kies een gebruikersnaam van letters en cijfers, zonder spaties."
    if not full_name.strip():
        errors["full_name"] = "Vul de naam in."
    if not roles or any(r not in {x.value for x in Role} for r in roles):
        errors["roles"] = "Kies minstens één rol."
    if problem := password_error(password):
        errors["password"] = problem
    return errors


def create_user(
    ctx: ServiceContext,
    *,
    username: str,
    full_name: str,
    roles: list[str],
    password: str,
    phone: str = "",
    email: str = "",
    job_title: str = "Schuldhulpverlener",
) -> UserView:
    """Add a personal account (beheerder only); its password wraps the data key."""
    ctx.user.require(Role.ADMIN)
    name = username.strip().lower()
    errors = _user_errors(name, full_name, roles, password)
    keys, key = _key_file(ctx), _data_key(ctx)
    with _key_file_guard(keys), ctx.db.begin() as session:
        if name and session.execute(select(func.count()).where(User.username == name)).scalar_one():
            errors["username"] = "Deze gebruikersnaam bestaat al."
        if errors:
            raise ValidationError(errors)
        user = User(
            username=name,
            full_name=full_name.strip(),
            roles=",".join(sorted(roles)),
            password_hash=hash_password(password),
            phone=phone,
            email=email,
            job_title=job_title,
            updated_by=ctx.user.username,
        )
        session.add(user)
        session.flush()
        audit.log(
            session,
            ctx,
            "create",
            "user",
            name,
            details={"full_name": user.full_name, "roles": user.roles, "active": True},
        )
        if keys is not None and key is not None:
            keys.wrap(name, password, key)
        return _view(user)


def _get_user(session: Session, user_id: uuid.UUID) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFoundError("Deze gebruiker bestaat niet.")
    return user


def set_active(
    ctx: ServiceContext, user_id: uuid.UUID, active: bool, *, new_password: str | None = None
) -> UserView:
    """Enable or disable an account (beheerder).

    Disabling removes the account's copy of the data key, so the old password no longer opens
    the local database. Enabling it again therefore needs a new password (``new_password``).
    """
    ctx.user.require(Role.ADMIN)
    if user_id == ctx.user.id and not active:
        raise ValidationError({"active": "U kunt uw eigen account niet uitzetten."})
    keys, key = _key_file(ctx), _data_key(ctx)
    with _key_file_guard(keys), ctx.db.begin() as session:
        user = _get_user(session, user_id)
        needs_password = (
            active and keys is not None and key is not None and user.username not in keys.usernames()
        )
        if needs_password and not new_password:
            raise ValidationError({"password": "Geef een nieuw wachtwoord: het oude werkt niet meer."})
        if new_password is not None and (problem := password_error(new_password)):
            raise ValidationError({"password": problem})
        changes = {"active": [user.active, active]}
        user.active = active
        user.updated_by = ctx.user.username
        if active and new_password:
            user.password_hash = hash_password(new_password)
        audit.log(session, ctx, "update", "user", user.username, details=changes)
        if keys is not None and not active and user.username in keys.usernames():
            keys.remove(user.username)
        if keys is not None and key is not None and active and new_password:
            keys.wrap(user.username, new_password, key)
        return _view(user)


def reset_password(ctx: ServiceContext, user_id: uuid.UUID, new_password: str) -> UserView:
    """Give an account a new password (beheerder); re-wraps the data key for it."""
    ctx.user.require(Role.ADMIN)
    if problem := password_error(new_password):
        raise ValidationError({"password": problem})
    keys, key = _key_file(ctx), _data_key(ctx)
    with _key_file_guard(keys), ctx.db.begin() as session:
        user = _get_user(session, user_id)
        user.password_hash = hash_password(new_password)
        user.updated_by = ctx.user.username
        audit.log(session, ctx, "reset_password", "user", user.username)
        if keys is not None and key is not None and user.active:
            keys.wrap(user.username, new_password, key)
        return _view(user)


def change_own_password(ctx: ServiceContext, old_password: str, new_password: str) -> None:
    """Change the logged-in user's password after checking the old one."""
    if problem := password_error(new_password):
        raise ValidationError({"password": problem})
    if not verify_password(ctx, old_password):
        raise AuthenticationError("Het huidige wachtwoord klopt niet.")
    keys, key = _key_file(ctx), _data_key(ctx)
    with _key_file_guard(keys), ctx.db.begin() as session:
        user = _get_user(session, ctx.user.id)
        user.password_hash = hash_password(new_password)
        audit.log(session, ctx, "change_password", "user", user.username)
        if keys is not None and key is not None:
            keys.wrap(user.username, new_password, key)
