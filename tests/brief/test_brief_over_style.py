"""What a brief may change of its house style, where the style is found, and pages that
leave out what says nothing."""

from __future__ import annotations

import os
import shutil
import subprocess

from mini import BRIEF, make_project
from readback import needs_tools
from sectorial.cli import main
from sectorial.doc.model import TopicPage
from sectorial.pipeline import Timings, prepare

OVER = """institucion: {entidad: Gobierno Regional de Junín, autor: DIRCETUR Junín,
              elaboracion: "Elaboración: DIRCETUR Junín."}
numeros: {miles: " ", decimal: ",", espacio_porcentaje: true}
"""


@needs_tools
def test_a_brief_sets_its_institution_credit_and_number_marks(tmp_path):
    brief = make_project(tmp_path, brief=BRIEF + OVER)
    assert main(["build", str(brief), "--out", str(tmp_path / "out")]) == 0
    pdf = tmp_path / "out" / "mini-2024.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Elaboración: DIRCETUR Junín." in text and "Gobierno Regional de Junín" in text
    assert "20,0 %" in text and "Elaboración: PRODUCE" not in text
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "DIRCETUR Junín" in info


def test_offices_under_a_style_without_cover_are_an_error(tmp_path, capsys):
    brief = make_project(tmp_path, brief=BRIEF.replace("estilo: produce", "estilo: promperu")
                         + "oficinas: [Oficina de Estudios Económicos]\n")
    assert main(["check", str(brief)]) == 1
    err = capsys.readouterr().err
    assert "no lleva portada" in err and "oficinas" in err and "línea" in err


def test_the_style_is_found_from_any_folder(tmp_path):
    brief = make_project(tmp_path, brief=BRIEF)
    shutil.rmtree(tmp_path / "templates")  # none beside the brief: the one sectorial brings
    cwd = os.getcwd()
    try:
        os.chdir("/")
        assert main(["check", str(brief)]) == 0
    finally:
        os.chdir(cwd)


def test_a_style_beside_the_brief_comes_first(tmp_path, capsys):
    brief = make_project(tmp_path, brief=BRIEF)
    beside = brief.parent / "templates" / "produce"
    shutil.copytree(tmp_path / "templates" / "produce", beside)
    style = beside / "estilo.yaml"
    style.write_text(style.read_text(encoding="utf-8").replace("nombre: PRODUCE",
                                                               "nombre: Junto al informe"),
                     encoding="utf-8")
    assert prepare(brief, None, Timings()).house.name.startswith("Junto al informe")


def test_a_bullet_that_writes_nothing_is_left_out(tmp_path):
    brief = make_project(tmp_path, brief=BRIEF.replace(
        '      - "Hay {{ total | entero }} empresas."',
        '      - "Hay {{ total | entero }} empresas."\n'
        '      - "{% if var is negativo %}Cayó.{% endif %}"'))
    doc = prepare(brief, None, Timings()).document
    bullets = [b.plain for page in doc.pages if isinstance(page, TopicPage)
               for b in page.bullets]
    assert bullets == ["Hay 180 empresas."]
