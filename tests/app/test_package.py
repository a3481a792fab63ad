"""The package stands alone: a wheel installed in a fresh venv, outside the checkout, holds
the house styles and their fonts, and ``sectorial init`` then ``build`` makes a brief."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from sectorial.cli import main

ROOT = Path(__file__).resolve().parents[2]


def _sources(destination: Path) -> Path:
    """A copy of the checkout's files (tracked or new, not ignored): the build writes its
    build/ and egg-info there, not in the checkout."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard",
                             "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode("utf-8").split("\0")):
        source = ROOT / name
        if source.is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    return destination


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git lists the checkout's files")
    sources = _sources(tmp_path_factory.mktemp("sources"))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out),
                    str(sources)], check=True, capture_output=True, timeout=600)
    return next(out.glob("sectorial-*.whl"))


def test_the_wheel_carries_the_house_styles_and_their_fonts_and_no_example(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for style in ("produce", "promperu"):
        for file in ("estilo.yaml", "correo.txt", "fuentes/Lato-Regular.ttf",
                     "fuentes/Lato-Bold.ttf", "fuentes/OFL.txt"):
            assert f"sectorial/templates/{style}/{file}" in names
    assert "sectorial/starter/briefs/exportaciones.yaml" in names
    assert not [name for name in names if name.startswith(("tests/", "briefs/", "data/"))]


def test_init_then_build_from_a_wheel_in_a_fresh_venv(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                    "--no-deps", str(wheel)], check=True, capture_output=True, timeout=300)
    # the dependencies come from this venv's site-packages, not the checkout's sectorial (an
    # editable install is a .pth there, which a path added by a .pth does not run)
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig."
                                "get_paths()['purelib'])"], capture_output=True, text=True,
                               check=True).stdout.strip())
    (site / "dependencias.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", "utf-8")
    work = tmp_path / "trabajo"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}

    def sectorial(*args: str, cwd: Path) -> subprocess.CompletedProcess:
        return subprocess.run([str(venv / "bin" / "sectorial"), *args], cwd=cwd, env=env,
                              capture_output=True, text=True, timeout=300)

    where = subprocess.run([str(python), "-c", "import sectorial; print(sectorial.__file__)"],
                           cwd=work, env=env, capture_output=True, text=True, check=True)
    assert Path(where.stdout.strip()).is_relative_to(venv)
    made = sectorial("init", "mi-proyecto", cwd=work)
    assert made.returncode == 0, made.stderr
    assert "cd mi-proyecto && sectorial build briefs/exportaciones.yaml" in made.stdout
    project = work / "mi-proyecto"
    built = sectorial("build", "briefs/exportaciones.yaml", cwd=project)
    assert built.returncode == 0, built.stderr
    pdf = project / "output" / "exportaciones-2024.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "US$ 79,875 millones" in text  # the sum of the starter's 25 regions in 2024
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout
    assert "Lato-Bold" in fonts and "Lato-Regular" in fonts
    assert (project / "output" / "exportaciones-2024.docx").stat().st_size > 0


def test_init_refuses_a_folder_with_files_and_leaves_it_alone(tmp_path, capsys):
    (tmp_path / "notas.txt").write_text("mío", "utf-8")
    assert main(["init", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"la carpeta '{tmp_path}' no está vacía (tiene notas.txt)" in err
    assert "init no reemplaza archivos" in err
    assert [p.name for p in tmp_path.iterdir()] == ["notas.txt"]


def test_init_writes_a_project_whose_brief_checks_and_whose_schemas_are_current(tmp_path,
                                                                                capsys):
    assert main(["init", str(tmp_path / "nuevo")]) == 0
    project = tmp_path / "nuevo"
    assert main(["check", str(project / "briefs" / "exportaciones.yaml")]) == 0
    assert main(["schema", "--check", "--out", str(project / "schemas")]) == 0
    assert (project / ".gitignore").read_text("utf-8").splitlines()[-1] == "output/"
    settings = (project / "sectorial.toml").read_text("utf-8")
    assert all(line.startswith(("#", "[")) or not line.strip()
               for line in settings.splitlines())  # every value commented: nothing to undo
