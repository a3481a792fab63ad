"""Jinja's syntax errors, said in Spanish in the author's words."""

from __future__ import annotations

import jinja2
import pytest

from sectorial.text.syntax import spanish

CASES = [
    ("{{ a b }}", "se esperaba el cierre }} y aparece «b»"),
    ("{{ a | }}", "se esperaba un nombre y aparece el cierre }}"),
    ("{% if a %}x", "falta cerrar el bloque {% if %} con {% endif %}"),
    ("{% for x in y %}", "falta cerrar el bloque {% for %} con {% endfor %}"),
    ("{% frobnicate %}", "etiqueta desconocida «frobnicate»"),
    ("{{ a ? b }}", "el carácter «?» no puede ir ahí"),
    ("{{ }}", "se esperaba una expresión y aparece el cierre }}"),
    ("{% %}", "falta el nombre de la etiqueta después de {%"),
    ("{{ a )}}", "«)» no puede ir ahí"),
    ("{{ a +", "el texto termina antes de tiempo"),
    ("{{ x | default(1 }}", "se esperaba «)» y aparece «}»"),
    ("{{ 'abc }}", "el carácter «'» no puede ir ahí"),
    ("{# x", "falta cerrar el comentario {# … #}"),
]


@pytest.mark.parametrize(("source", "said"), CASES)
def test_each_syntax_error_is_said_in_spanish(source, said):
    with pytest.raises(jinja2.TemplateSyntaxError) as caught:
        jinja2.Environment().parse(source)
    assert spanish(caught.value.message) == said


def test_a_condition_ends_where_the_condition_ends():
    with pytest.raises(jinja2.TemplateSyntaxError) as caught:
        jinja2.Environment().parse("{% if acumulado is %}sí{% endif %}")
    assert spanish(caught.value.message, condition=True) == (
        "se esperaba un nombre y aparece el fin de la condición")


def test_an_unknown_message_keeps_jinja_words_after_the_spanish():
    assert spanish("something new") == "la plantilla no se entiende (something new)"


def test_a_broken_condition_in_a_brief_is_a_spanish_error(root, tmp_path):
    import shutil

    from sectorial.cli import main

    for folder in ("briefs", "templates", "data"):
        shutil.copytree(root / folder, tmp_path / folder)
    brief = tmp_path / "briefs" / "exportaciones-regionales.yaml"
    text = brief.read_text("utf-8")
    assert "si: acumulado is varios" in text
    brief.write_text(text.replace("si: acumulado is varios", "si: acumulado is", 1), "utf-8")
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(err):
        code = main(["check", str(brief), "--period", "2025-09", "--region", "Junín"])
    assert code == 1
    said = err.getvalue()
    assert "la condición no se entiende: se esperaba un nombre y aparece el fin de la " \
           "condición" in " ".join(said.split())
    assert "expected" not in said and "Traceback" not in said
