"""Files written whole or not at all, and a failure that names the file meant, in Spanish."""

from __future__ import annotations

import pytest

from sectorial.errors import SectorialError
from sectorial.files import write_all


def test_a_failed_write_names_its_target_and_leaves_no_half_file(tmp_path):
    folder = tmp_path / "informe.pdf"
    folder.mkdir()  # the target is a folder: the rename fails
    with pytest.raises(SectorialError) as failed:
        write_all({tmp_path / "bien.docx": b"uno", folder: b"dos"})
    assert str(failed.value).startswith(f"no se pudo escribir '{folder}' (es una carpeta)")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # no half file
