"""The figures ledger: every printed figure with its origin, in a CSV that Calc and Excel
open with its accents, and found in both outputs (pdftotext, LibreOffice's DOCX export)."""

from __future__ import annotations

import csv
import re
import subprocess
from pathlib import Path

import pytest

from readback import docx_text, normalise, pdf_text
from sectorial.cli import main
from seeds import SEED_FIGURES

EXAMPLES = {
    "vraem": (["briefs/vraem-2024.yaml"], "vraem-2024"),
    "junin": (["briefs/junin-exportaciones-2024.yaml"], "junin-exportaciones-2024"),
    "regional": (["briefs/exportaciones-regionales.yaml", "--region", "Junín"],
                 "exportaciones-junin-2025-09"),
}


@pytest.fixture(scope="module", params=sorted(EXAMPLES))
def example(request, root: Path, tmp_path_factory) -> tuple[Path, str]:
    args, name = EXAMPLES[request.param]
    out = tmp_path_factory.mktemp(request.param)
    assert main(["build", str(root / args[0]), *args[1:], "--out", str(out)]) == 0
    return out, name


def rows(path: Path) -> list[dict[str, str]]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def test_every_ledger_figure_is_in_both_outputs(example, tmp_path):
    out, name = example
    ledger = rows(out / f"{name}.cifras.csv")
    assert ledger
    pdf = pdf_text(out / f"{name}.pdf")
    docx = docx_text(out / f"{name}.docx", tmp_path)
    text_rows = [r for r in ledger if r["elemento"] != "gráfico"]
    assert text_rows
    for row in text_rows:
        printed = normalise(row["texto_impreso"])
        assert printed in pdf, (row["lugar_en_el_informe"], printed)
        assert printed in docx, (row["lugar_en_el_informe"], printed)
    for row in ledger:
        assert row["indicador"] and row["origen"], row
        assert row["valor_exacto"] == "" or float(row["valor_exacto"]) == float(
            row["valor_exacto"])


def test_the_vraem_ledger_lists_every_seed_figure_with_its_origin(root, tmp_path):
    assert main(["build", str(root / "briefs" / "vraem-2024.yaml"), "--out", str(tmp_path),
                 "--formats", "pdf"]) == 0
    ledger = rows(tmp_path / "vraem-2024.cifras.csv")
    printed = [normalise(r["texto_impreso"]) for r in ledger]
    for phrase in SEED_FIGURES:
        if phrase == "Mayo 2025":
            continue  # the edition date is not a computed figure
        # every number of the seed but the years it names ("con respecto a 2023")
        numbers = [n for n in re.findall(r"\d[\d,.]*\d%?|\d%?", phrase)
                   if not re.fullmatch(r"(19|20)\d\d", n)]
        for number in numbers:
            found = [r for r, p in zip(ledger, printed)
                     if re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d])", p)]
            assert found, (phrase, number)
            assert all(r["origen"] for r in found)
    total = next(r for r in ledger if r["texto_impreso"] == "17,224")
    assert total["indicador"] == "empresas_total" and total["valor_exacto"] == "17224.0"
    assert "empresas_region.csv [anio=2024], filas" in total["origen"]
    assert total["pagina"] == "2" and total["lugar_en_el_informe"] == "paginas[1].cajas[2].cifra"
    growth = next(r for r in ledger if r["texto_impreso"].endswith("14.7%")
                  and r["indicador"] == "credito_crec")
    assert growth["metodo"] == "promedio simple de las variaciones anuales"
    chart = [r for r in ledger if r["elemento"] == "gráfico"]
    assert any(r["texto_impreso"] == "17,224" for r in chart)


def test_libreoffice_calc_reads_the_ledger_with_its_accents(root, tmp_path):
    if subprocess.run(["soffice", "--version"], capture_output=True).returncode != 0:
        pytest.fail("LibreOffice no está instalado")
    assert main(["build", str(root / "briefs" / "vraem-2024.yaml"), "--out", str(tmp_path),
                 "--formats", "pdf"]) == 0
    ledger = tmp_path / "cifras.csv"
    (tmp_path / "vraem-2024.cifras.csv").rename(ledger)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'perfil'}",
                    "--headless", "--infilter=CSV:44,34,76,1", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(ledger)], capture_output=True, timeout=180)
    converted = tmp_path / "cifras.pdf"
    assert converted.is_file(), "LibreOffice Calc no pudo abrir el registro de cifras"
    text = pdf_text(converted)
    assert "Cusco (27.7%), Junín (22.3%), Huancavelica (13.3%) y Apurímac (2.7%)" in text
    assert "participación" in text and "Ã" not in text


def test_source_notes_come_from_the_data_each_page_uses(tmp_path, capsys):
    from mini import BRIEF, make_project

    extra = BRIEF.replace("indicadores:\n", "  precios:\n    archivo: ../data/empresas.csv\n"
                          "    fuente: BCRP\n    columnas: {anio: periodo, empresas: entero}\n"
                          "indicadores:\n", 1)
    brief = make_project(tmp_path, brief=extra.replace("    fuentes: [empresas]\n", "", 1))
    out = tmp_path / "o"
    assert main(["build", str(brief), "--out", str(out), "--formats", "pdf"]) == 0
    text = pdf_text(out / "mini-2024.pdf")
    assert "Fuente: SUNAT" in text and "BCRP" not in text  # computed: no 'fuentes' needed
    brief.write_text(extra.replace("fuentes: [empresas]", "fuentes: [empresas, precios]", 1),
                     "utf-8")
    assert main(["check", str(brief)]) == 1
    err = capsys.readouterr().err
    assert "campo 'paginas[1].fuentes': la página nombra en 'fuentes' 'precios', de donde " \
           "no sale ninguna cifra de la página" in err
    brief.write_text(extra.replace("fuentes: [empresas]", "fuentes: [precios]", 1), "utf-8")
    assert main(["check", str(brief)]) == 1
    err = capsys.readouterr().err
    assert "la página usa datos de 'empresas' (SUNAT) que 'fuentes' no nombra" in err
