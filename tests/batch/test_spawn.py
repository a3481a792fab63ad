"""Builds where ``fork`` does not exist (Windows): the workers are spawned, import the
libraries themselves, and write the same bytes; the locks are the system's."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sectorial.background import START_METHOD, available, start_method
from sectorial.errors import SectorialError


def build(root: Path, out: Path, method: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != START_METHOD}
    if method:
        env[START_METHOD] = method
    command = [sys.executable, "-m", "sectorial", "build",
               str(root / "briefs" / "exportaciones-regionales.yaml"), "--period", "2025-09",
               "--formats", "pdf", "--out", str(out), "--jobs", "2"]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=root,
                          timeout=300)


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


def test_25_regions_spawned_are_the_bytes_of_25_forked(root, tmp_path):
    spawned = build(root, tmp_path / "spawn", "spawn")
    assert spawned.returncode == 0, spawned.stderr
    assert "25 construidos" in spawned.stdout + spawned.stderr
    forked = build(root, tmp_path / "fork", None)
    assert forked.returncode == 0, forked.stderr
    assert len(digests(tmp_path / "spawn")) == 50  # 25 PDF and 25 ledgers
    assert digests(tmp_path / "spawn") == digests(tmp_path / "fork")


def test_the_start_method_follows_the_environment(monkeypatch):
    monkeypatch.setenv(START_METHOD, "spawn")
    assert start_method() == "spawn" and not available()  # no forked helper either
    monkeypatch.setenv(START_METHOD, "telepatía")
    with pytest.raises(SectorialError, match="telepatía.*no tiene ese modo"):
        start_method()
    monkeypatch.delenv(START_METHOD)
    assert start_method() == "fork"  # Linux


def test_an_unknown_start_method_is_a_spanish_error(root, tmp_path):
    done = build(root, tmp_path / "out", "telepatía")
    assert done.returncode == 1
    assert "SECTORIAL_START_METHOD=telepatía" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").glob("*.pdf"))


HOLD = """
import sys, time
from pathlib import Path
from sectorial.mail.status import send_lock
with send_lock(Path(sys.argv[1]), dry_run=False):
    print("held", flush=True)
    time.sleep(60)
"""


def test_a_send_lock_is_refused_while_held_and_freed_when_its_holder_is_killed(tmp_path):
    from sectorial.mail.status import send_lock

    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(SectorialError, match="otro envío está en curso"):
            with send_lock(tmp_path, dry_run=False):
                pass
    finally:
        holder.kill()  # as kill -9 would: the system frees the lock
        holder.wait()
    deadline = time.monotonic() + 5
    while True:
        try:
            with send_lock(tmp_path, dry_run=False):
                break
        except SectorialError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
