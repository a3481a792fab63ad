"""The Python API: ``sectorial.build`` returns the documents in memory, the same bytes and
errors as the command line, and writes nothing until ``save``."""

from __future__ import annotations

import subprocess
import sys

import pytest

import sectorial
from mini import make_project, make_regional_project
from sectorial.cli import main


def files_under(folder):
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())


def pdf_text(data: bytes, tmp_path) -> str:
    pdf = tmp_path / "leido.pdf"
    pdf.write_bytes(data)
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_build_returns_the_document_and_its_ledger_and_writes_nothing(tmp_path):
    brief = make_project(tmp_path / "proyecto")
    before = files_under(tmp_path)
    [doc] = sectorial.build(brief)
    assert files_under(tmp_path) == before
    assert (doc.name, doc.period, doc.value) == ("mini-2024", "2024", None)
    ledger = doc.ledger
    total = ledger[ledger["indicador"] == "total"]
    assert set(total["valor_exacto"]) == {180.0}  # Cusco 120 + Junín 60 in 2024
    assert set(total["texto_impreso"]) == {"180"}
    text = " ".join(pdf_text(doc.pdf, tmp_path).split())
    for printed in ledger["texto_impreso"]:
        assert " ".join(printed.split()) in text
    assert str(ledger["pagina"].dtype) == "Int64" and ledger["pagina"].min() >= 1


def test_the_same_bytes_as_the_command_line(tmp_path):
    brief = make_project(tmp_path / "proyecto")
    assert main(["build", str(brief), "--out", str(tmp_path / "cli")]) == 0
    [doc] = sectorial.build(brief)
    for name, data in doc.files.items():
        assert (tmp_path / "cli" / name).read_bytes() == data, name
    assert set(doc.files) == {"mini-2024.docx", "mini-2024.pdf", "mini-2024.cifras.csv"}


def test_save_writes_every_file(tmp_path):
    [doc] = sectorial.build(make_project(tmp_path / "proyecto"), formats=["pdf"])
    assert doc.docx is None
    paths = doc.save(tmp_path / "salida")
    assert sorted(p.name for p in paths) == ["mini-2024.cifras.csv", "mini-2024.pdf"]
    assert (tmp_path / "salida" / "mini-2024.pdf").read_bytes() == doc.pdf


def test_a_fan_out_gives_a_document_per_value_or_the_one_asked(tmp_path):
    brief = make_regional_project(tmp_path)
    every = sectorial.build(brief, period="2025-09", formats=["docx"])
    assert [d.value for d in every] == ["Apurímac", "La Libertad", "Madre de Dios"]
    [one] = sectorial.build(brief, period="setiembre 2025", region="madre de dios",
                            formats=["docx"])
    assert (one.name, one.value) == ("regional-madre-de-dios-2025-09", "Madre de Dios")
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize("kwargs, message", [
    ({"period": "2024-13"}, "periodo no válido '2024-13'"),
    ({"region": "Junín"}, "el informe no declara 'por_cada'"),
    ({"formats": ["odt"]}, "formato desconocido 'odt'"),
])
def test_a_wrong_argument_is_a_spanish_error(tmp_path, kwargs, message):
    with pytest.raises(sectorial.SectorialError, match=message):
        sectorial.build(make_project(tmp_path), **kwargs)


def test_bad_data_raise_the_error_the_command_line_prints(tmp_path, capsys):
    brief = make_project(tmp_path, data="anio,region,empresas\n2024,Cusco,muchas\n")
    with pytest.raises(sectorial.SectorialError) as raised:
        sectorial.build(brief)
    assert main(["build", str(brief), "--out", str(tmp_path / "cli")]) == 1
    said = str(raised.value)
    assert "empresas.csv" in said and "fila" in said and "muchas" in said
    assert said.splitlines()[0] in capsys.readouterr().err


def test_a_region_the_data_lack_lists_the_values(tmp_path):
    with pytest.raises(sectorial.SectorialError, match="no hay 'Narnia'") as raised:
        sectorial.build(make_regional_project(tmp_path), period="2025-09", region="Narnia")
    assert "valores: Apurímac, La Libertad, Madre de Dios" in str(raised.value)


def test_importing_sectorial_loads_nothing_heavy():
    probe = ("import sys, sectorial; print(sorted(m for m in ('pandas', 'sectorial.api', "
             "'sectorial.pipeline', 'jinja2') if m in sys.modules)); "
             "print(callable(sectorial.build), 'build' in dir(sectorial))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out == ["[]", "True True"]


def test_formats_may_be_written_as_on_the_command_line(tmp_path):
    [doc] = sectorial.build(make_project(tmp_path), formats="pdf")
    assert doc.pdf and doc.docx is None
