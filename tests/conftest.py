"""Shared fixtures: the project root, the PRODUCE house style and its look, a hand-built
sample document."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from sectorial.doc.model import (
    Box,
    BoxesPage,
    Chart,
    ChartSeries,
    Cover,
    Document,
    Masthead,
    Metadata,
    SourceNote,
    Span,
    Text,
    TopicPage,
)
from sectorial.style import HouseStyle, Look
from sectorial.style.loader import load_house

# No time limit per example: a busy machine must not turn a property test into a timed test.
settings.register_profile("sectorial", deadline=None)
settings.load_profile("sectorial")

ROOT = Path(__file__).resolve().parent.parent
CREDIT = "Elaboración: PRODUCE – OGEIEE."


def pytest_configure(config: pytest.Config) -> None:
    """The tests' marks of valid briefs (``schema.known``) go to a folder of their own, not
    to the user's cache (the commands the tests start inherit it)."""
    import os
    import tempfile

    os.environ["SECTORIAL_CACHE"] = tempfile.mkdtemp(prefix="sectorial-pruebas-cache-")


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture()
def vraem_copy(root: Path, tmp_path: Path) -> Path:
    """A copy of the VRAEM example (brief, data, style) to damage."""
    (tmp_path / "briefs").mkdir()
    shutil.copy(root / "briefs" / "vraem-2024.yaml", tmp_path / "briefs")
    shutil.copytree(root / "data" / "vraem", tmp_path / "data" / "vraem")
    shutil.copytree(root / "templates" / "produce", tmp_path / "templates" / "produce")
    return tmp_path / "briefs" / "vraem-2024.yaml"


@pytest.fixture(scope="session")
def house() -> HouseStyle:
    return load_house(ROOT / "templates" / "produce")


@pytest.fixture(scope="session")
def look(house: HouseStyle) -> Look:
    return house.look


def _text(*parts: str) -> Text:
    """Build a Text where every second part is bold: _text("a ", "b", " c")."""
    return Text(tuple(Span(p, bold=i % 2 == 1) for i, p in enumerate(parts) if p))


def sample_document() -> Document:
    """Return a small but complete document with every block kind the model has."""
    years = ("2019", "2020", "2021", "2022", "2023", "2024")
    firms = Chart(
        key="empresas_evolucion",
        kind="columns",
        title="Evolución del Total de empresas formales del VRAEM, 2019-2024",
        subtitle="(Número de empresas)",
        categories=years,
        series=(
            ChartSeries(
                "Empresas",
                (14650, 14020, 15100, 15420, 15860, 17224),
                ("14,650", "14,020", "15,100", "15,420", "15,860", "17,224"),
            ),
        ),
        alt_text="Columnas: empresas formales del VRAEM de 2019 a 2024; 17,224 en 2024.",
        highlight=(5,),
    )
    jobs = Chart(
        key="empleo_evolucion",
        kind="columns_line",
        title="Evolución del empleo en la zona del VRAEM, 2019-2024",
        subtitle="(Miles de trabajadores; Var. % anual)",
        categories=years,
        series=(
            ChartSeries(
                "Miles de trabajadores",
                (2391, 2250, 2450, 2490, 2533, 2525),
                ("2,391", "2,250", "2,450", "2,490", "2,533", "2,525"),
            ),
            ChartSeries(
                "Var. % anual",
                (0.0, -5.9, 8.9, 1.6, 1.7, -0.3),
                ("", "-5.9", "8.9", "1.6", "1.7", "-0.3"),
                axis="secondary",
            ),
        ),
        alt_text="Columnas y línea: empleo y su variación anual, 2019-2024.",
        highlight=(5,),
    )
    sex = Chart(
        key="empleo_sexo",
        kind="donut",
        title="PEA ocupada según sexo, 2024",
        subtitle="(Porcentaje)",
        categories=("Hombres", "Mujeres"),
        series=(ChartSeries("Part. %", (54.0, 46.0), ("54.0%", "46.0%")),),
        alt_text="Dona: 54.0% hombres y 46.0% mujeres.",
        center_label="2,525,492 trabajadores",
    )
    regions = Chart(
        key="empresas_region",
        kind="hbars",
        title="Nº empresas del VRAEM por región, 2024",
        subtitle="(Número de empresas)",
        categories=("Ayacucho", "Cusco", "Junín", "Huancavelica", "Apurímac"),
        series=(
            ChartSeries(
                "Empresas",
                (5866, 4765, 3835, 2293, 465),
                ("5,866", "4,765", "3,835", "2,293", "465"),
            ),
        ),
        alt_text="Barras: empresas por región en 2024; Ayacucho primero con 5,866.",
        highlight=(0,),
    )
    boxes = tuple(
        Box(figure, _text(*caption))
        for figure, caption in [
            ("0.2% del PBI Nacional", ("Aporte del VRAEM ", "S/\u00a01,093 millones", ".")),
            ("17,224 empresas formales", ("Representan el 0.7% del total nacional.",)),
            ("US$\u00a09,580 millones", ("Valor exportado; ", "contribuyen con el 12.9%", ".")),
            ("S/\u00a02,185 millones", ("Ventas de las empresas formales.",)),
            ("34.1% de las empresas", ("Se concentra en Ayacucho. Le sigue Cusco (27.7%).",)),
            ("China, Suiza, India, Corea del Sur y Japón", ("Principales mercados.",)),
            ("2.5 millones empleos directos", ("14.1% de la PEA ocupada nacional.",)),
            ("84.6% de empleo informal", ("8 de cada ", "10", " puestos son informales.")),
        ]
    )
    return Document(
        name="muestra",
        series="Análisis Sectorial",
        masthead=Masthead("PERÚ", "Ministerio de la Producción"),
        meta=Metadata(
            title="Desempeño económico del VRAEM 2024",
            subject="Análisis Sectorial",
            author="Ministerio de la Producción - OGEIEE",
            language="es-PE",
            keywords=("VRAEM", "2024"),
        ),
        cover=Cover(
            country="PERÚ",
            institution="Ministerio de la Producción",
            series="Análisis Sectorial",
            title="Desempeño económico del VRAEM 2024",
            offices=(
                "Oficina General de Evaluación de Impacto y Estudios Económicos",
                "Oficina de Estudios Económicos",
            ),
            edition="Mayo 2025",
        ),
        pages=(
            BoxesPage(
                label="VRAEM",
                title="Contribución del VRAEM a la actividad económica",
                heading="Indicadores Claves del VRAEM en 2024",
                boxes=boxes,
                columns=4,
                foot=SourceNote(sources=("Fuente: INEI, SUNAT, SBS",), credit=CREDIT),
            ),
            TopicPage(
                label="EMPRESARIAL",
                title="Evolución de las Empresas formales del VRAEM",
                message=_text(
                    "En el último quinquenio, el número total de ",
                    "empresas formales aumentó a una tasa de 3.3% en promedio anual.",
                ),
                charts=(firms, regions),
                bullets=(
                    _text("", "En 2024, se registró 17,224 empresas formales en el VRAEM",
                          ", lo que representa un aumento del 8.6% con respecto a 2023."),
                    _text("En Ayacucho se ubican el 34.1% de empresas formales del VRAEM."),
                ),
                foot=SourceNote(
                    notes=(_text("Nota: tasa de crecimiento promedio anual compuesta."),),
                    sources=("Fuente: SUNAT",),
                    credit=CREDIT,
                ),
            ),
            TopicPage(
                label="EMPLEO",
                title="Evolución del nivel de empleo en la zona del VRAEM",
                message=_text("El empleo creció a una tasa de ", "1.1% en promedio anual", "."),
                charts=(jobs, sex),
                bullets=(
                    _text("En el 2024, el empleo total fue de ", "2 millones 525 mil trabajadores"),
                ),
                foot=SourceNote(sources=("Fuente: INEI - ENAHO",), credit=CREDIT),
            ),
        ),
    )


@pytest.fixture()
def sample_doc() -> Document:
    return sample_document()
