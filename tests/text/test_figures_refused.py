"""Figures come from indicators: a template that computes one, or a figure typed into a
text, is refused with the brief's line; the words of direction follow the signs."""

from __future__ import annotations

import pytest

from mini import BRIEF, make_project
from sectorial.cli import main
from sectorial.errors import TemplateError
from sectorial.indicators.values import Quantity
from sectorial.lang.numbers import PRODUCE
from sectorial.schema import Snippet
from sectorial.text.env import TextEngine

CONTEXT = {"a": Quantity(60.0, "numero", 1.0, "a"), "b": Quantity(55.0, "numero", 1.0, "b"),
           "up": Quantity(8.2, "porcentaje", 1.0, "up"),
           "down": Quantity(-13.6, "porcentaje", 1.0, "down"),
           "inc": Quantity(-10.9, "pp", 1.0, "inc"), "racha": Quantity(9.0, "numero", 1.0, "r"),
           "uno": Quantity(1.0, "numero", 1.0, "uno")}


def render(source: str, line: int = 20) -> str:
    snippet = Snippet(source, "informe.yaml", line, "paginas[2].mensaje")
    return TextEngine(PRODUCE, CONTEXT).render(snippet)


@pytest.mark.parametrize("source", [
    "{{ ((a.valor - b.valor) / a.valor) | pct }}",
    "{{ (a - b) | entero }}",
    "{{ a.valor * b.valor }}",
    "{{ -a.valor }}",
])
def test_arithmetic_on_figures_is_refused_naming_the_kind_to_declare(source):
    with pytest.raises(TemplateError) as caught:
        render("línea uno\n" + source)
    message = str(caught.value)
    assert "línea 21" in message  # the second line of the text, from line 20
    assert "incidencia" in message or "diferencia" in message


@pytest.mark.parametrize("source", [
    "La manufactura incidió en -4.2 p.p.",
    "creció 8.6% en el año",
    "{{ up | pct }} y 17,224 empresas",
])
def test_a_typed_figure_is_refused_with_its_line(source):
    with pytest.raises(TemplateError) as caught:
        render("primera línea\n\n" + source)
    assert "línea 22" in str(caught.value)


@pytest.mark.parametrize("source", [
    "{{ up | pct(1) }}", "{{ [up, down][0] | signo }}", "a precios de {% raw %}2007{% endraw %}",
])
def test_numbers_as_arguments_indexes_and_marked_text_are_allowed(source):
    assert render(source)


@pytest.mark.parametrize(("source", "expected"), [
    ("{{ down | cambio_signo }}", "una disminución de (-13.6%)"),
    ("{{ up | cambio_signo(up='un incremento') }}", "un incremento de (+8.2%)"),
    ("{{ down | signo_par }}", "(-13.6%)"),
    ("{{ inc | segun('contribuyó con', 'restó') }} {{ inc | pp(short=true) }}.",
     "restó -10.9\u00a0p.p."),
    ("{% if down is mismo_signo(up) %}igual{% else %}contrarrestó{% endif %}", "contrarrestó"),
    ("{% if up is mismo_signo(up) %}igual{% endif %}", "igual"),
    ("{% if racha is varios %}{{ racha | racha }}{% endif %}", "por noveno mes consecutivo"),
    ("{% if uno is varios %}{{ uno | racha }}{% endif %}", ""),
])
def test_direction_words_follow_the_sign(source, expected):
    assert render(source) == expected


def test_a_computation_with_a_typed_operand_is_refused_too():
    with pytest.raises(TemplateError, match="cifra escrita a mano '100'"):
        render("{{ (a.valor / b.valor * 100) | pct }}")


def test_long_streaks_are_said_in_words_then_with_a_number():
    CONTEXT["larga"] = Quantity(13.0, "numero", 1.0, "l")
    CONTEXT["muy_larga"] = Quantity(30.0, "numero", 1.0, "l")
    assert render("{{ larga | racha }}") == "por decimotercer mes consecutivo"
    assert render("{{ muy_larga | racha }}") == "por 30.° mes consecutivo"


def test_a_streak_back_to_the_start_of_the_data_is_not_said():
    CONTEXT["abierta"] = Quantity(17.0, "numero", 1.0, "a", partial=True)
    with pytest.raises(TemplateError, match="podría ser más larga"):
        render("{{ abierta | racha }}")
    assert render("{% if abierta is completa %}{{ abierta | racha }}{% endif %}") == ""


def test_check_and_build_refuse_a_typed_figure_with_its_line(tmp_path, capsys):
    typed = BRIEF.replace("respecto a {{ anterior }}.",
                          "respecto a {{ anterior }}, el 84.6% del total.")
    brief = make_project(tmp_path, brief=typed)
    line = next(n for n, text in enumerate(typed.splitlines(), start=1) if "84.6%" in text)
    for command in ("check", "build"):
        assert main([command, str(brief), "--out", str(tmp_path / "out")]
                    if command == "build" else [command, str(brief)]) == 1
        err = capsys.readouterr().err
        assert f"línea {line}" in err and "84.6" in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_asterisks_from_the_data_stay_literal_while_the_template_bolds():
    from sectorial.indicators.values import Share, Shares

    names = Shares("p", (Share("Café **premium**", Quantity(5.0, "numero", 1.0, "c"),
                               Quantity(100.0, "porcentaje", 1.0, "c")),),
                   Quantity(5.0, "numero", 1.0, "p"))
    engine = TextEngine(PRODUCE, {**CONTEXT, "p": names})
    text = engine.rich(Snippet("**Destaca** {{ p.primero.nombre }} "
                               "({{ p.principales(1) | partes(negrita=true) }})",
                               "informe.yaml", 1, "campo"))
    assert [(s.text, s.bold) for s in text.spans] == [
        ("Destaca", True), (" Café **premium** (", False),
        ("Café **premium** (100.0%)", True), (")", False)]
