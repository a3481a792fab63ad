"""Random values in the mini brief: it builds, or it fails with a user error, never a crash.

Each example replaces, adds or deletes a few fields (top level, the data source, an
indicator, a page, a chart, a box, an article's blocks and table) with values of the
wrong type, YAML look-alikes ("~", "yes", "2025-09-01"), unknown keys, negative or huge
numbers, long or unusual text; writes the brief with ``yaml.safe_dump`` and prepares it.
Anything but success or a SectorialError with a readable message is a bug of the brief
loader.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mini import BRIEF, make_project
from sectorial.brief.sections import BRIEF as BRIEF_KEYS
from sectorial.data.spec import SOURCE
from sectorial.errors import BriefError, DataError, ErrorList, SectorialError
from sectorial.indicators.registry import INDICATORS, kind_section
from sectorial.pipeline import Timings, prepare
from sectorial.text.charts import CHART_KEYS
from sectorial.text.pages import PAGES
from sectorial.text.tables import TABLE

NAMES = ["serie", "total", "var", "regiones", "empresas", "anio", "region", "periodo", "miles",
         "decimal",
         "anterior", "acumulado", "nada"]
YAML_LOOKALIKES = ["~", "null", "yes", "no", "on", "off", "true", "2025-09-01", "2025-09",
                   "2025-13", "2024", "0", "-1", "1e9", ".inf", ".nan", "0x1F", "", " ",
                   "- a", "a: b", "#", "&a", "*a", "!!str", "%YAML", "{{", "}}",
                   "{{ total }}", "{{ nada }}", "{{ total | nada }}", "{% for x in y %}",
                   "{{ region }}", "siguiente", "ultimo", "mil", "millones", "anterior",
                   "acumulado", "acumulado_anterior", "nd", "error", "compuesto",
                   "../data/empresas.csv", "../data", "/", "nada.xlsx", "\t", "\\", "'\""]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 30),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.text(min_size=1, max_size=4).map(lambda s: s * 500),  # a long string
    st.sampled_from(YAML_LOOKALIKES),
    st.sampled_from(NAMES),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
)
keys = st.one_of(st.sampled_from(NAMES), st.text(min_size=1, max_size=8))
values = st.one_of(
    scalars,
    st.lists(scalars, max_size=3),
    st.dictionaries(keys, scalars, max_size=3),
    st.lists(st.dictionaries(keys, scalars, max_size=2), max_size=2),
)


def _fields(keys: tuple) -> tuple[str, ...]:
    """The names of a declaration's keys (the fuzzing tries them all)."""
    return tuple(key.name for key in keys)


def _page(kind: str) -> tuple[str, ...]:
    return ("tipo", *_fields(PAGES[kind].keys))


TABLE_KEYS = (tuple(k.name for k in TABLE.inner.keys if k.required),
              tuple(k.name for k in TABLE.inner.keys if not k.required))


ARTICLE = {  # a third page, so that article fields, blocks and tables are reached too
    "tipo": "articulo", "titulo": "Nota", "etiqueta": "NOTA",
    "lugar_fecha": "Lima, {{ fecha_edicion }}", "entradilla": "Hay {{ total | entero }}.",
    "bloques": [
        {"subtitulo": "Empresas"},
        {"parrafo": "Hay {{ total | entero }} empresas."},
        {"cita": "Crecemos.", "autor": "Ministra"},
        {"tabla": {"titulo": "Regiones", "datos": "regiones", "maximo": 1, "resto": "Otras",
                   "columnas": ["Región", "Empresas", "Part. %"]}},
        {"grafico": {"tipo": "barras", "titulo": "Regiones", "unidad": "(Número)",
                     "datos": "regiones"}},
    ],
    "notas": ["Nota: {{ anterior }}"],
    "fuentes": ["empresas"],
}
INDICATOR_FIELDS = sorted({name for kind in INDICATORS
                           for name in _fields(kind_section(kind).keys)})
PLACES: dict[str, tuple[tuple, tuple[str, ...]]] = {
    # name: (path from the top of the brief, fields worth trying besides the present ones)
    "top": ((), BRIEF_KEYS.names()),
    "fuente": (("datos", "empresas"), SOURCE.names()),
    "columnas": (("datos", "empresas", "columnas"), ("anio", "region", "empresas")),
    "indicador serie": (("indicadores", "serie"), tuple(INDICATOR_FIELDS)),
    "indicador total": (("indicadores", "total"), tuple(INDICATOR_FIELDS)),
    "indicador var": (("indicadores", "var"), tuple(INDICATOR_FIELDS)),
    "indicador regiones": (("indicadores", "regiones"), tuple(INDICATOR_FIELDS)),
    "pagina 1": (("paginas", 0), _page("indicadores")),
    "pagina 2": (("paginas", 1), _page("tema") + _page("articulo")),
    "caja": (("paginas", 0, "cajas", 0), ("cifra", "texto")),
    "grafico 1": (("paginas", 1, "graficos", 0), _fields(CHART_KEYS)),
    "grafico 2": (("paginas", 1, "graficos", 1), _fields(CHART_KEYS)),
    "articulo": (("paginas", 2), _page("articulo")),
    "tabla": (("paginas", 2, "bloques", 3, "tabla"), TABLE.inner.names()),
    "grafico de articulo": (("paginas", 2, "bloques", 4, "grafico"), _fields(CHART_KEYS)),
    "cita": (("paginas", 2, "bloques", 2), ("cita", "autor")),
}
BLOCKS = st.lists(st.one_of(
    st.fixed_dictionaries({"parrafo": values}),
    st.fixed_dictionaries({"cita": values, "autor": values}),
    st.fixed_dictionaries({"tabla": st.fixed_dictionaries(
        {k: values for k in TABLE_KEYS[0]}, optional={k: values for k in TABLE_KEYS[1]})}),
    st.fixed_dictionaries({"grafico": values}),
    values,
), max_size=3)
"""Whole lists of blocks, for the field 'bloques'."""


def _locate(brief: dict, path: tuple) -> object:
    node: object = brief
    for step in path:
        try:
            node = node[step]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return node


@st.composite
def mutated_briefs(draw: st.DrawFn) -> tuple[str, list]:
    brief = yaml.safe_load(BRIEF)
    brief["paginas"].append(copy.deepcopy(ARTICLE))
    changes = []
    for _ in range(draw(st.integers(1, 3))):
        place = draw(st.sampled_from(sorted(PLACES)))
        path, fields = PLACES[place]
        node = _locate(brief, path)
        if not isinstance(node, dict):
            continue  # an earlier change replaced this part of the brief
        known = st.sampled_from(sorted(set(node) | set(fields)))
        key = draw(known if draw(st.integers(0, 4)) else keys)  # mostly a field that exists
        action = draw(st.sampled_from(["cambia", "cambia", "cambia", "quita"]))
        if action == "quita":
            node.pop(key, None)
            changes.append((place, key, "quitado"))
            continue
        value = draw(BLOCKS if key == "bloques" else values)
        node[key] = value
        changes.append((place, key, value))
    return yaml.safe_dump(brief, allow_unicode=True, sort_keys=False), changes


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(case=mutated_briefs())
def test_random_brief_values_build_or_fail_with_a_user_error(case):
    text, _changes = case
    with tempfile.TemporaryDirectory() as folder:
        path = make_project(Path(folder), brief=text)
        try:
            prepare(path, None, Timings())
        except SectorialError as exc:
            message = str(exc)
            assert message.strip() and "Traceback" not in message


def _set(path: tuple, value: object):
    def change(brief: dict) -> None:
        node = _locate(brief, path[:-1])
        node[path[-1]] = value  # type: ignore[index]
    return change


FOUND = [  # what the fuzzing found: each once crashed, or was silently ignored
    (_set(("paginas", 1, "graficos", 0, "datos"), None),
     "paginas[2].graficos[1].datos", "el campo obligatorio 'paginas[2].graficos[1].datos' "
     "está vacío"),
    (_set(("indicadores", "total", "datos"), None),
     "indicadores.total.datos", "el campo obligatorio 'indicadores.total.datos' está vacío"),
    (_set(("indicadores", "total", "filtro"), ["region"]),
     "indicadores.total.filtro", "debe ser un diccionario de campos"),
    (_set(("indicadores", "total", "datos"), ["empresas"]),
     "indicadores.total.datos", "debe ser un texto"),
    (_set(("indicadores", "total", "valor"), "region"),
     "indicadores.total.valor", "la columna 'region' es de tipo 'texto' y 'valor' suma números"),
    (_set(("indicadores", "serie", "ultimos"), 10**9),
     "indicadores.serie.ultimos", "debe ser un número de 1 a 600, no '1000000000'"),
    (_set(("palabras_clave",), True), "palabras_clave", "debe ser una lista"),
    (_set(("oficinas",), "OGEIEE"), "oficinas", "debe ser una lista"),
    (_set(("nombre",), {"a": 1}), "nombre", "debe ser un texto"),
    (_set(("estilo",), "produce" * 50), "estilo", "nombre de estilo no válido 'produce"),
    (_set(("paginas", 1, "graficos", 1, "decimales"), -2),
     "paginas[2].graficos[2].decimales", "debe ser un número de 0 a 6, no '-2'"),
    (_set(("paginas", 1, "graficos", 0, "decimales"), 5120860),
     "paginas[2].graficos[1].decimales", "debe ser un número de 0 a 6, no '5120860'"),
    (_set(("paginas", 2, "bloques", 3, "tabla", "escala"), "no"),
     "paginas[3].bloques[4].tabla.escala", "escala desconocida 'no'"),
    (_set(("paginas", 0, "columnas"), 0), "paginas[1].columnas", "debe ser un número de 1 a 8"),
    (_set(("datos", "empresas", "fila_encabezado"), -3),
     "datos.empresas.fila_encabezado", "debe ser un número de fila, 1 o mayor, no '-3'"),
]


@pytest.mark.parametrize(("change", "field", "message"), FOUND,
                         ids=[field for _, field, _ in FOUND])
def test_what_the_fuzzing_found_is_a_brief_error_naming_the_field(change, field, message):
    brief = yaml.safe_load(BRIEF)
    brief["paginas"].append(copy.deepcopy(ARTICLE))
    change(brief)
    with tempfile.TemporaryDirectory() as folder:
        path = make_project(Path(folder), brief=yaml.safe_dump(brief, allow_unicode=True))
        with pytest.raises(SectorialError) as caught:
            prepare(path, None, Timings())
    errors = caught.value.errors if isinstance(caught.value, ErrorList) else [caught.value]
    assert len(errors) == 1, str(caught.value)
    assert isinstance(errors[0], BriefError)
    assert re.search(rf"mini\.yaml, línea \d+, campo '{re.escape(field)}': ", str(errors[0]))
    assert message in str(errors[0])


def test_a_data_file_name_too_long_for_the_system_is_a_data_error():
    brief = yaml.safe_load(BRIEF)
    brief["datos"]["empresas"]["archivo"] = "x" * 300 + ".csv"
    with tempfile.TemporaryDirectory() as folder:
        path = make_project(Path(folder), brief=yaml.safe_dump(brief, allow_unicode=True))
        with pytest.raises(DataError) as caught:
            prepare(path, None, Timings())
    assert "no se puede leer el archivo de datos (el nombre o la ruta es demasiado largo)" \
        in str(caught.value)
    assert "revise 'archivo' en la sección 'datos'" in str(caught.value)
