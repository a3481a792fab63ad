"""Many documents in one command: one per region, a folder of briefs, parallel processes,
and skipping what has not changed (the state lives in <output>/.sectorial/)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from mini import BRIEF, MONTHLY_DATA, make_project, make_regional_project
from sectorial.cli import main

REGIONS = ("apurimac", "la-libertad", "madre-de-dios")


def outputs(folder):
    return sorted(p.name for p in folder.glob("*.pdf"))


def stamps(folder):
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if p.is_file()}


def pdf_text(path):
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return " ".join(text.split())


@pytest.fixture
def regional(tmp_path):
    return make_regional_project(tmp_path / "proyecto"), tmp_path / "out"


def test_one_document_per_region_with_safe_names(regional, capsys):
    brief, out = regional
    assert main(["build", str(brief), "--out", str(out), "--jobs", "2"]) == 0
    assert outputs(out) == [f"regional-{r}-2025-09.pdf" for r in REGIONS]
    assert "resumen: 3 construidos, 0 sin cambios, 0 con error" in capsys.readouterr().err
    text = pdf_text(out / "regional-la-libertad-2025-09.pdf")
    # September 2025: 300 + 90 + 100 = 490 against 390 a year before.
    assert "En setiembre de 2025, La Libertad exportó 490, un aumento de 25.6% frente a " \
           "setiembre de 2024" in text
    assert "en enero-setiembre de 2025 sumó 4,050 (aumentó 28.6% frente a " \
           "enero-setiembre de 2024)" in text
    assert "Octubre 2025" in text  # 'edicion: siguiente'
    assert "Madre de Dios exportó 240" in pdf_text(out / "regional-madre-de-dios-2025-09.pdf")


@pytest.mark.parametrize("selection", [["--region", "Madre de Dios"],
                                       ["--only", "region=madre de dios"],
                                       ["--region", "MADRE DE DIOS"]])
def test_one_region_alone(regional, selection):
    brief, out = regional
    assert main(["build", str(brief), "--out", str(out), *selection]) == 0
    assert outputs(out) == ["regional-madre-de-dios-2025-09.pdf"]


def test_an_unknown_region_names_the_known_ones(regional, capsys):
    brief, out = regional
    assert main(["build", str(brief), "--out", str(out), "--region", "Apurimak"]) == 1
    err = capsys.readouterr().err
    assert "no hay 'Apurimak' en la columna 'region'" in err
    assert "¿quiso decir 'Apurímac'?" in err and "La Libertad" in err
    assert not out.exists() or outputs(out) == []


def test_a_rerun_with_nothing_changed_skips_everything(regional, capsys):
    brief, out = regional
    assert main(["build", str(brief), "--out", str(out), "--jobs", "1"]) == 0
    before = stamps(out)
    capsys.readouterr()
    assert main(["build", str(brief), "--out", str(out)]) == 0
    assert "resumen: 0 construidos, 3 sin cambios, 0 con error" in capsys.readouterr().err
    assert stamps(out) == before
    assert main(["build", str(brief), "--out", str(out), "--force"]) == 0
    assert "resumen: 3 construidos" in capsys.readouterr().err


def test_fixing_one_region_rebuilds_that_region_only(regional, capsys):
    brief, out = regional
    assert main(["build", str(brief), "--out", str(out), "--jobs", "1"]) == 0
    before = stamps(out)
    data = brief.parent.parent / "data" / "mensual.csv"
    # January 2024 only enters Apurímac's year-to-date base: the other documents are the same.
    data.write_text(MONTHLY_DATA.replace("2024-01,Apurímac,110", "2024-01,Apurímac,115"),
                    "utf-8")
    capsys.readouterr()
    assert main(["build", str(brief), "--out", str(out), "--jobs", "1"]) == 0
    assert "resumen: 1 construidos, 2 sin cambios, 0 con error" in capsys.readouterr().err
    after = stamps(out)
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert changed == ["regional-apurimac-2025-09.cifras.csv", "regional-apurimac-2025-09.docx",
                       "regional-apurimac-2025-09.pdf"]
    assert "(aumentó 66.1% frente a enero-setiembre de 2024)" in pdf_text(
        out / "regional-apurimac-2025-09.pdf")  # 2,250 / 1,355 - 1


def test_a_deleted_or_edited_output_is_built_again(regional, capsys):
    brief, out = regional
    assert main(["build", str(brief), "--out", str(out), "--jobs", "1"]) == 0
    (out / "regional-apurimac-2025-09.pdf").unlink()
    (out / "regional-la-libertad-2025-09.docx").write_bytes(b"editado")
    capsys.readouterr()
    assert main(["build", str(brief), "--out", str(out), "--jobs", "1"]) == 0
    assert "resumen: 2 construidos, 1 sin cambios" in capsys.readouterr().err
    assert (out / "regional-la-libertad-2025-09.docx").read_bytes()[:2] == b"PK"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def test_a_failing_region_does_not_stop_the_others(regional, capsys):
    brief, out = regional
    data = brief.parent.parent / "data" / "mensual.csv"
    data.write_text(MONTHLY_DATA.replace("2024-09,Madre de Dios,140\n", ""), "utf-8")
    edit(brief, "archivo: ../data/mensual.csv",  # declared: only that region lacks the month
         "archivo: ../data/mensual.csv\n    faltantes: permitir")
    assert main(["build", str(brief), "--out", str(out), "--jobs", "2"]) == 1
    captured = capsys.readouterr()
    assert "resumen: 2 construidos, 0 sin cambios, 1 con error" in captured.err
    assert "error en mini (Madre de Dios)" in captured.err
    assert "indicadores.mes_anterior" in captured.err and "region=Madre de Dios" in captured.err
    assert outputs(out) == ["regional-apurimac-2025-09.pdf", "regional-la-libertad-2025-09.pdf"]
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_a_region_missing_from_a_month_fails_the_data_not_one_document(regional, capsys):
    """Undeclared, the national totals of that month would lack the region."""
    brief, out = regional
    data = brief.parent.parent / "data" / "mensual.csv"
    data.write_text(MONTHLY_DATA.replace("2024-09,Madre de Dios,140\n", ""), "utf-8")
    assert main(["build", str(brief), "--out", str(out), "--jobs", "2"]) == 1
    err = capsys.readouterr().err
    assert "en setiembre 2024 faltan filas de region=Madre de Dios" in err
    assert not out.exists() or not outputs(out)


def test_a_period_past_the_data_names_the_last_one(regional, capsys):
    brief, out = regional
    assert main(["build", str(brief), "--out", str(out), "--period", "2025-10",
                 "--region", "Apurímac"]) == 1
    err = capsys.readouterr().err
    assert "no cubren 2025-10: llegan hasta 2025-09" in err and "mensual.csv" in err
    assert not out.exists() or outputs(out) == []


def test_a_year_for_a_monthly_brief_is_refused(regional, capsys):
    brief, out = regional
    assert main(["build", str(brief), "--out", str(out), "--period", "2024"]) == 1
    assert "el informe es mensual (2025-09) y se pidió el periodo 2024" in capsys.readouterr().err


def test_a_folder_builds_every_brief_that_applies(tmp_path, capsys):
    brief = make_regional_project(tmp_path / "proyecto")
    annual = tmp_path / "anual"
    make_project(annual)
    shutil.copy(annual / "briefs" / "mini.yaml", brief.parent / "anual.yaml")
    shutil.copy(annual / "data" / "empresas.csv", brief.parent.parent / "data")
    out = tmp_path / "out"
    assert main(["build", str(brief.parent), "--out", str(out), "--period", "2025-09",
                 "--jobs", "2"]) == 0
    captured = "".join(capsys.readouterr())
    assert "no aplica: anual (informe anual; se pidió 2025-09)" in captured
    assert "resumen: 3 construidos, 0 sin cambios, 0 con error, 1 no aplica" in captured
    assert main(["build", str(brief.parent), "--out", str(out)]) == 0
    assert "mini-2024.pdf" in outputs(out)  # without --period each brief uses its own


def test_an_indicator_cannot_take_a_reserved_name(tmp_path, capsys):
    brief = make_regional_project(tmp_path)
    brief.write_text(brief.read_text("utf-8").replace("  acum:", "  acumulado:"), "utf-8")
    assert main(["check", str(brief)]) == 1
    assert "el nombre 'acumulado' está reservado" in capsys.readouterr().err


def test_check_validates_every_region(regional, capsys):
    brief, _ = regional
    assert main(["check", str(brief)]) == 0
    assert "correcto:" in capsys.readouterr().out
    assert main(["check", str(brief), "--period", "2025-10"]) == 1
    err = capsys.readouterr().err
    assert [line.split(":")[0] for line in err.splitlines() if line.startswith("error")] == [
        "error (Apurímac)", "error (La Libertad)", "error (Madre de Dios)"]
    assert "no cubren 2025-10: llegan hasta 2025-09" in err


def test_a_chart_highlights_the_region_of_each_document(regional):
    from sectorial.pipeline import Timings, prepare

    brief, _ = regional
    for region, position in (("La Libertad", 0), ("Apurímac", 1), ("Madre de Dios", 2)):
        document = prepare(brief, None, Timings(), region).document
        months, regions = document.charts()
        assert regions.categories[position] == region
        assert regions.highlight == (position,)
        assert months.categories[0] == "Set-24" and months.categories[-1] == "Set-25"
        assert months.highlight == (12,)


def test_two_briefs_that_would_write_one_file_fail_before_writing(tmp_path, capsys):
    brief = make_project(tmp_path)
    (brief.parent / "otro.yaml").write_text(
        BRIEF.replace('titulo: "Mini informe', 'titulo: "Otro informe'), "utf-8")
    out = tmp_path / "out"
    assert main(["build", str(brief.parent), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert "escribe el archivo 'mini-2024', el mismo que otro.yaml" in captured.err
    assert "el mismo que mini.yaml" in captured.err
    assert not out.exists() or not list(out.glob("mini-*"))


def test_a_name_without_the_region_is_refused_for_every_region(regional, capsys):
    brief, out = regional
    edit(brief, '"regional-{{ region }}-{{ periodo }}"', '"regional-{{ periodo }}"')
    assert main(["build", str(brief), "--out", str(out), "--jobs", "2"]) == 1
    captured = capsys.readouterr()
    assert "resumen: 0 construidos, 0 sin cambios, 3 con error" in captured.err
    assert "escribe el archivo 'regional-2025-09', el mismo que mini (" in captured.err
    assert not out.exists() or not outputs(out)
