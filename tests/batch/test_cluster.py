"""Builds on a real Dask distributed cluster: a scheduler and two workers started here, on
127.0.0.1, as an office would start them on its machines (``dask scheduler``, ``dask
worker``). The documents are the bytes of a local build; a worker killed in the middle
loses none and none is written twice."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="instale el extra: pip install -e '.[test]'")

DASK = Path(sys.executable).with_name("dask")
BRIEF = ("briefs/exportaciones-regionales.yaml", "--period", "2025-09", "--formats", "pdf")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([str(DASK), *args, "--no-dashboard"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def wait_for(process: subprocess.Popen, words: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if words in line:
            return
        if not line and process.poll() is not None:
            pytest.fail(f"dask terminó antes de decir '{words}'")
    pytest.fail(f"dask no dijo '{words}' en 60 s")


@pytest.fixture()
def cluster():
    address = f"tcp://127.0.0.1:{free_port()}"
    scheduler = start("scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1])
    wait_for(scheduler, "Scheduler at")
    workers = [start("worker", address, "--nthreads", "1", "--no-nanny", "--name", f"w{i}",
                     "--preload", "sectorial.batch.cluster")  # as the README says
               for i in (1, 2)]
    for worker in workers:
        wait_for(worker, "Registered to")
    yield address, workers
    for process in (*workers, scheduler):
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def sectorial(root: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "sectorial", "build", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=root)


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def local(root, tmp_path_factory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("local")
    done = sectorial(root, *BRIEF, "--out", str(out), "--jobs", "2")
    assert done.wait(timeout=300) == 0, done.stderr.read()
    return digests(out)


def test_a_cluster_build_is_the_bytes_of_a_local_one_and_reruns_as_unchanged(
        root, tmp_path, cluster, local):
    address, _ = cluster
    out = tmp_path / "out"
    done = sectorial(root, *BRIEF, "--out", str(out), "--cluster", address)
    _, said = done.communicate(timeout=300)
    assert done.returncode == 0, said
    assert "25 construidos" in said and len(local) == 50
    assert digests(out) == local
    again = sectorial(root, *BRIEF, "--out", str(out), "--cluster", address)
    _, said = again.communicate(timeout=120)
    assert again.returncode == 0 and "25 sin cambios" in said, said


def test_a_worker_killed_in_the_middle_loses_no_document(root, tmp_path, cluster, local):
    address, workers = cluster
    out = tmp_path / "out"
    build = sectorial(root, *BRIEF, "--out", str(out), "--cluster", address, "--json")
    deadline = time.monotonic() + 120
    while not list(out.glob("*.pdf")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(out.glob("*.pdf")), "no document was built"
    os.killpg(workers[0].pid, signal.SIGKILL)  # as a lost machine: no goodbye
    said, err = build.communicate(timeout=300)
    assert build.returncode == 0, err
    documents = [json.loads(line) for line in said.splitlines()]  # one per document
    assert [d["estado"] for d in documents] == ["construido"] * 25
    written = [file for document in documents for file in document["archivos"]]
    assert len(written) == len(set(written)) == 50  # each file once: the PDF and its ledger
    assert digests(out) == local


def test_a_cluster_that_is_not_there_is_a_spanish_error(monkeypatch):
    from sectorial.batch import cluster
    from sectorial.errors import SectorialError

    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 1)
    with pytest.raises(SectorialError, match="no se pudo conectar con el clúster"):
        cluster._connect(f"tcp://127.0.0.1:{free_port()}")


@pytest.mark.parametrize(("args", "said"), [
    (("--cluster", "10.0.0.5:8786"), "dirección de clúster no válida"),
    (("--cluster", "tcp://127.0.0.1:8786", "--jobs", "2"), "no se permite con"),
])
def test_cluster_options_are_checked(root, args, said):
    done = sectorial(root, *BRIEF, *args)
    _, err = done.communicate(timeout=60)
    assert done.returncode == 2 and said in err


def test_the_workers_build_with_the_style_found_here(root, tmp_path, cluster):
    """A style found from the folder the build runs in (not beside the brief) is the one
    the workers use, wherever they run: not one of the same name they would find."""
    import shutil

    address, _ = cluster
    project = tmp_path / "proyecto"
    (project / "informes" / "regionales").mkdir(parents=True)
    shutil.copytree(root / "data", project / "data")
    shutil.copytree(root / "templates", project / "templates")
    style = project / "templates" / "produce" / "estilo.yaml"
    text = style.read_text("utf-8")
    assert "tamano: A4" in text
    style.write_text(text.replace("tamano: A4", "tamano: carta"), "utf-8")  # letter paper
    brief = project / "informes" / "regionales" / "exportaciones-regionales.yaml"
    brief.write_text((root / BRIEF[0]).read_text("utf-8").replace("../data/", "../../data/"),
                     "utf-8")
    args = (str(brief), *BRIEF[1:], "--region", "Junín")
    built = {}
    for where, extra in (("local", ("--jobs", "1")), ("cluster", ("--cluster", address))):
        out = tmp_path / where
        done = sectorial(project, *args, "--out", str(out), *extra)
        _, err = done.communicate(timeout=300)
        assert done.returncode == 0, err
        built[where] = digests(out)
    assert built["cluster"] == built["local"]
    info = subprocess.run(["pdfinfo", str(next((tmp_path / "cluster").glob("*.pdf")))],
                          capture_output=True, text=True).stdout
    assert "792 x 612 pts (letter)" in info  # carta, the style found here, not the worker's A4
