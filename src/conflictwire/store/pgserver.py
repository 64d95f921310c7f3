"""A throwaway PostgreSQL server for tests and benchmarks: initdb + pg_ctl in a temporary folder.

PostgreSQL refuses to run as root, so as root the cluster belongs to an unprivileged user
(``nobody``) and its commands run through ``runuser``. The server listens on 127.0.0.1 on a free
port, trusts local connections, and is deleted by :meth:`ThrowawayPostgres.stop`.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from ..errors import StoreError


def _find_binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    # Debian's postgresql package keeps the server binaries off PATH.
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class ThrowawayPostgres:
    folder: Path
    port: int
    run_as: str | None
    pg_ctl: str

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def database_url(self, name: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def create_database(self, prefix: str = "cw") -> str:
        """A new empty database; returns its URL."""
        import psycopg

        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.database_url(name)

    def drop_database(self, url: str) -> None:
        import psycopg

        name = url.rsplit("/", 1)[1]
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        _run(self.run_as, [self.pg_ctl, "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop"], check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def _run(user: str | None, argv: list[str], *, check: bool = True) -> subprocess.CompletedProcess:
    if user is not None:
        argv = ["runuser", "-u", user, "--", *argv]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    if check and done.returncode != 0:
        raise StoreError(f"{' '.join(argv)} failed ({done.returncode}): {(done.stderr or done.stdout).strip()[-800:]}")
    return done


def start_throwaway_postgres(user: str = "nobody") -> ThrowawayPostgres:
    """Start a private PostgreSQL server; raises StoreError with the reason when it cannot."""
    initdb, pg_ctl = _find_binary("initdb"), _find_binary("pg_ctl")
    if not initdb or not pg_ctl:
        raise StoreError("PostgreSQL server binaries (initdb, pg_ctl) not found; install Debian's 'postgresql' package")
    run_as: str | None = None
    folder = Path(tempfile.mkdtemp(prefix="cw-pg-"))
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            raise StoreError("running as root without runuser: cannot start PostgreSQL as an unprivileged user")
        try:
            entry = pwd.getpwnam(user)
        except KeyError as exc:
            raise StoreError(f"no user {user!r} to run PostgreSQL as (it refuses to run as root)") from exc
        os.chown(folder, entry.pw_uid, entry.pw_gid)
        run_as = user
    folder.chmod(0o755)
    port = _free_port()
    try:
        _run(run_as, [initdb, "-D", str(folder / "data"), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                      "--locale=C", "--no-sync"])
        # fsync off: the cluster lives for one test session; the crash tests kill the client, not the server.
        options = f"-h 127.0.0.1 -p {port} -k {folder} -F -c max_connections=50"
        _run(run_as, [pg_ctl, "-D", str(folder / "data"), "-o", options, "-l", str(folder / "server.log"),
                      "-w", "-t", "60", "start"])
    except (StoreError, OSError, subprocess.SubprocessError) as exc:
        log = folder / "server.log"
        tail = log.read_text(errors="replace")[-800:] if log.exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        raise StoreError(f"could not start a throwaway PostgreSQL: {exc} {tail}".strip()) from exc
    return ThrowawayPostgres(folder, port, run_as, pg_ctl)
