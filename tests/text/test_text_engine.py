"""The sandboxed text engine and the filters as templates use them."""

from __future__ import annotations

import pytest

from sectorial.doc.model import Span
from sectorial.errors import TemplateError
from sectorial.indicators.values import Quantity, Share, Shares
from sectorial.lang.numbers import PRODUCE, PROMPERU
from sectorial.schema import Snippet
from sectorial.text.env import TextEngine


def q(value, unit="numero", scale=1.0):
    return Quantity(value, unit, scale, "x")


REGIONS = Shares(
    "regiones",
    tuple(Share(name, q(v), q(p, "porcentaje")) for name, v, p in [
        ("Ayacucho", 5866, 34.1), ("Cusco", 4765, 27.7), ("Junín", 3835, 22.3),
        ("Huancavelica", 2293, 13.3), ("Apurímac", 465, 2.7), ("Lima", 0, 0.0)]),
    q(17224),
)
PRODUCTS = Shares(
    "productos",
    tuple(Share(name, q(v, "USD", 1e6), q(p, "porcentaje")) for name, v, p in [
        ("Cobre", 1767, 70.0), ("Café", 100, 20.0), ("Infusiones", 98, 10.0)]),
    q(1965, "USD", 1e6),
)
CONTEXT = {
    "productos": PRODUCTS,
    "empresas": q(17224),
    "exportaciones": q(9580, "USD", 1e6),
    "credito": q(981, "PEN", 1e6),
    "empleo": q(2525492),
    "var": q(-0.3, "porcentaje"),
    "crec": q(3.3, "porcentaje"),
    "informal": q(84.6, "porcentaje"),
    "regiones": REGIONS,
    "lista": [1, 2],
    "periodo": 2024,
}


def render(source: str, numbers=PRODUCE) -> str:
    # The filter table shows literal arguments ({{ 9 | mes }}): briefs may not (typed=False)
    return TextEngine(numbers, CONTEXT, typed=True).render(Snippet(source, "informe.yaml", 10,
                                                                   "campo"))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ empresas | entero }} empresas", "17,224 empresas"),
        ("{{ exportaciones | monto }}", "US$\u00a09,580 millones"),
        ("{{ credito | monto }}", "S/\u00a0981 millones"),
        ("{{ empleo | millones }}", "2.5 millones"),
        ("{{ empleo | mixto }}", "2 millones 525 mil"),
        ("{{ var | variacion }}", "disminuyó 0.3%"),
        ("{{ var | cambio }}", "una caída de 0.3%"),
        ("{{ crec | variacion(up='aumentó a una tasa de') }}", "aumentó a una tasa de 3.3%"),
        ("{{ informal | pct }}", "84.6%"),
        ("{{ informal | de_cada }}", "8 de cada 10"),
        ("{{ regiones.nombres(5) | lista }}", "Ayacucho, Cusco, Junín, Huancavelica y Apurímac"),
        ("{{ regiones.siguientes(1, 2) | partes }}", "Cusco (27.7%) y Junín (22.3%)"),
        ("{{ regiones.principales(2) | partes(negrita=true) }}",
         "**Ayacucho (34.1%)** y **Cusco (27.7%)**"),
        ("{{ regiones['Junín'].part | pct }}", "22.3%"),
        ("{{ regiones.sin_valor | lista }}", "Lima"),
        ("{{ 'Pequeña empresa' | plural | lower }}", "pequeñas empresas"),
        ("{{ 9 | mes }}", "setiembre"),
        ("{{ crec | cambio(up='un incremento') }}", "un incremento de 3.3%"),
        ("{{ var | intensidad }}", "una ligera disminución de 0.3%"),
        ("{{ 2 | racha }}", "por segundo mes consecutivo"),
        ("{{ 11 | ordinal }}", "11.°"),
        ("{{ 1 | rango_meses(9, 2025) }}", "enero-setiembre 2025"),
        ("{{ productos.siguientes(1) | partes(0, montos=true, minusculas=true) }}",
         "café (US$\u00a0100 millones) e infusiones (US$\u00a098 millones)"),
    ],
)
def test_filters_in_produce_style(source, expected):
    assert render(source) == expected


def test_same_filters_follow_the_promperu_number_style():
    assert render("{{ empresas | entero }}", PROMPERU) == "17\u00a0224"
    assert render("{{ informal | pct }}", PROMPERU) == "84,6\u00a0%"


def test_bold_marks_become_bold_spans():
    engine = TextEngine(PRODUCE, CONTEXT)
    text = engine.rich(Snippet("Son **{{ empresas | entero }} empresas**.", "f", 1, "c"))
    assert text.spans == (Span("Son "), Span("17,224 empresas", bold=True), Span("."))


def test_line_breaks_fold_but_non_breaking_spaces_stay():
    assert render("a\n   b {{ exportaciones | monto }}") == "a b US$\u00a09,580 millones"


def test_undefined_name_names_file_line_and_field():
    with pytest.raises(TemplateError) as caught:
        render("línea uno\n{{ empresa | entero }}")
    message = str(caught.value)
    assert "informe.yaml, línea 11, campo 'campo'" in message
    assert "empresa" in message and "nombre no definido" in message


def test_syntax_error_is_a_template_error():
    with pytest.raises(TemplateError, match="sintaxis"):
        render("{{ empresas | entero }")


@pytest.mark.parametrize(
    "source",
    [
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{{ empresas.__class__.__mro__ }}",
        "{{ lista.append(3) }}",
        "{{ 'a' * 100000000 }}",
        "{{ 10 ** 100000 }}",
        "{% for i in range(10**9) %}{% endfor %}",
        "{% for i in range(1000000) %}{% endfor %}",
        "{{ 'x' | center(1000000000) }}",
        "{{ '%1000000000s' | format(1) }}",
        "{{ 1 / 0 }}",
    ],
)
def test_sandbox_refuses_internals_mutation_and_huge_values(source):
    with pytest.raises(TemplateError):
        render(source)


def test_a_filter_on_a_non_number_is_a_clear_error():
    with pytest.raises(TemplateError, match="se esperaba una cifra"):
        render("{{ 'abc' | entero }}")


def test_unavailable_figure_is_printed_as_nd_not_nan():
    engine = TextEngine(PRODUCE, {"x": q(None)})
    assert engine.render(Snippet("{{ x | pct }} y {{ x | variacion }}", "f", 1, "c")) == (
        "n.d. y n.d.")


def test_partes_keeps_its_positional_options():
    assert render("{{ regiones.principales(2) | partes(1, true) }}").count("**") == 4
