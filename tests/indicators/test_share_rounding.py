"""The share-rounding setting of the house style reaches text, boxes and charts alike."""

from __future__ import annotations

from mini import BRIEF, make_project
from sectorial.doc.model import TopicPage
from sectorial.pipeline import Timings, prepare

THIRDS = "anio,region,empresas\n2024,Cusco,1\n2024,Junín,1\n2024,Piura,1\n"
BRIEF_THIRDS = (BRIEF.replace("  serie: {tipo: serie, datos: empresas, valor: empresas}\n", "")
                .replace("  var: {tipo: variacion, de: serie}\n", "")
                .replace("**{{ var | variacion }}** respecto a {{ anterior }}",
                         "{{ regiones.nombres() | lista }}")
                .replace("      - {tipo: columnas, titulo: \"Empresas\", unidad: \"(Número)\", "
                         "datos: serie}\n", "")
                .replace("{{ regiones.primero.nombre }} concentra el "
                         "{{ regiones.primero.part | pct }}.", "{{ regiones | partes }}."))


def build(tmp_path, rounding: str):
    brief = make_project(tmp_path, brief=BRIEF_THIRDS, data=THIRDS)
    style = tmp_path / "templates" / "produce" / "estilo.yaml"
    style.write_text(style.read_text(encoding="utf-8").replace(
        "redondeo_participaciones: individual", f"redondeo_participaciones: {rounding}"),
        encoding="utf-8")
    return prepare(brief, None, Timings()).document


def topic(document) -> TopicPage:
    return next(p for p in document.pages if isinstance(p, TopicPage))


def test_largest_remainder_adds_up_to_100_in_text_and_chart(tmp_path):
    page = topic(build(tmp_path, "mayor_resto"))
    assert page.message.plain == "Cusco (33.4%), Junín (33.3%) y Piura (33.3%)."
    assert page.charts[0].series[0].labels == ("33.4%", "33.3%", "33.3%")


def test_one_by_one_rounding_keeps_the_publication_figures(tmp_path):
    page = topic(build(tmp_path, "individual"))
    assert page.message.plain == "Cusco (33.3%), Junín (33.3%) y Piura (33.3%)."
    assert page.charts[0].series[0].labels == ("33.3%", "33.3%", "33.3%")
