"""archive verify --rebuild: an archived PDF built again from its recorded inputs gives the
same bytes; other bytes name the library versions that changed; changed inputs say so."""

from __future__ import annotations

from pathlib import Path

import pytest

from mini import DATA, make_project
from sectorial import archive
from sectorial.cli import main
from sectorial.rebuild import DIFFERENT, NOT_REBUILT, rebuild
from sectorial.reproducible import library_versions


@pytest.fixture()
def archived(tmp_path: Path) -> dict[str, Path]:
    brief = make_project(tmp_path)
    folder = tmp_path / "archivo"
    assert main(["build", str(brief), "--out", str(tmp_path / "output"), "--formats", "pdf",
                 "--archive", "--archive-dir", str(folder)]) == 0
    return {"brief": brief, "archive": folder, "root": tmp_path}


def test_the_build_state_and_the_manifest_record_the_library_versions(archived):
    [entry] = archive.read_manifest(archived["archive"])
    versions = entry["bibliotecas"]
    assert versions == library_versions()
    assert {"python", "reportlab", "matplotlib", "python-docx", "pikepdf", "babel",
            "pandas"} <= set(versions)
    assert all(value and value != "no instalada" for name, value in versions.items()
               if name in ("reportlab", "pandas", "pikepdf"))


def test_an_archived_pdf_is_rebuilt_to_the_same_bytes(archived, capsys):
    capsys.readouterr()
    assert main(["archive", "verify", "--rebuild", "--archive-dir",
                 str(archived["archive"])]) == 0
    out = capsys.readouterr().out
    target = archived["archive"] / "2025" / "09" / "mini-2024.pdf"
    assert f"reproducido: {target} (los mismos bytes)" in out
    assert "reconstrucción: 1 reproducido, 0 distintos, 0 no reconstruibles" in out


def test_other_bytes_name_the_versions_that_changed(archived):
    [entry] = archive.read_manifest(archived["archive"])
    older = {**entry, "sha256": "0" * 64,
             "bibliotecas": {**entry["bibliotecas"], "reportlab": "3.6.0"}}
    result = rebuild(older, archived["archive"])
    assert result.status == DIFFERENT
    assert f"reportlab 3.6.0 → {library_versions()['reportlab']}" in result.detail
    same = rebuild({**entry, "sha256": "0" * 64}, archived["archive"])
    assert same.status == DIFFERENT and "mismas versiones" in same.detail
    unrecorded = {key: value for key, value in older.items() if key != "bibliotecas"}
    assert "no registró las versiones" in rebuild(unrecorded, archived["archive"]).detail


def test_changed_inputs_cannot_rebuild_and_say_which(archived, capsys):
    data = archived["root"] / "data" / "empresas.csv"
    data.write_text(DATA.replace("2024,Cusco,120", "2024,Cusco,121"), "utf-8")
    [entry] = archive.read_manifest(archived["archive"])
    result = rebuild(entry, archived["archive"])
    assert result.status == NOT_REBUILT and "empresas.csv cambiaron" in result.detail
    assert main(["archive", "verify", "--rebuild", "--archive-dir",
                 str(archived["archive"])]) == 0  # not a fault of the archive: a warning
    assert "0 reproducidos, 0 distintos, 1 no reconstruible" in capsys.readouterr().out
    archived["brief"].unlink()
    assert "no se encuentra el informe" in rebuild(entry, archived["archive"]).detail


def test_an_entry_that_cannot_be_read_is_not_rebuilt_and_the_others_go_on(archived):
    [entry] = archive.read_manifest(archived["archive"])
    result = rebuild({**entry, "periodo": "2024-13x"}, archived["archive"])
    assert result.status == NOT_REBUILT and "no se puede usar" in result.detail
