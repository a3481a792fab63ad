"""What a template may ask for: bounded nesting, time and growth, each refused with the
brief's line and a Spanish message (never a traceback or a process that runs forever)."""

from __future__ import annotations

import pytest

from mini import BRIEF, make_project
from sectorial.cli import main
from sectorial.text import env

BULLET = '"Hay {{ total | entero }} empresas."'


def build(tmp_path, bullet: str, capsys) -> str:
    assert BULLET in BRIEF
    brief = make_project(tmp_path, brief=BRIEF.replace(BULLET, bullet))
    out = tmp_path / "out"
    assert main(["build", str(brief), "--out", str(out)]) == 1
    assert not out.exists() or not any(out.iterdir())
    err = capsys.readouterr().err
    assert "Traceback" not in err and "error interno" not in err
    return err


def test_ten_thousand_nested_brackets_name_the_line(tmp_path, capsys):
    err = build(tmp_path, '"{{ ' + "(" * 10000 + "1" + ")" * 10000 + ' }}"', capsys)
    assert "mini.yaml, línea 35" in err and "anida más de 50 paréntesis" in err


def test_nested_loops_stop_at_the_time_limit(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(env, "MAX_SECONDS", 0.5)
    err = build(tmp_path, '"{% for i in range(100000) %}{% for j in range(100000) %}'
                          '{% endfor %}{% endfor %}"', capsys)
    assert "mini.yaml, línea 35" in err and "tarda más de 0.5 s" in err


def test_a_macro_that_doubles_its_text_stops_at_the_time_limit(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(env, "MAX_SECONDS", 0.5)
    err = build(tmp_path, '"{% macro f(n) %}{{ f(n-1) ~ f(n-1) if n else \'xxxx\' }}'
                          '{% endmacro %}{{ f(40) }}"', capsys)
    assert "tarda más de 0.5 s" in err


def test_a_namespace_cannot_grow_a_string_in_a_loop(tmp_path, capsys):
    err = build(tmp_path, "\"{% set ns = namespace(s='x') %}{% for i in range(40) %}"
                          '{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}"', capsys)
    assert "nombre no definido: 'namespace'" in err and "is undefined" not in err


def test_a_template_out_of_memory_says_so(tmp_path, capsys, monkeypatch):
    def exhausted(*args, **kwargs):
        raise MemoryError
    monkeypatch.setattr(env, "_compiled", exhausted)
    err = build(tmp_path, BULLET, capsys)
    assert "pide más memoria de la que hay" in err


@pytest.mark.parametrize("depth", [10_000])
def test_a_brief_nested_thousands_deep_names_its_line(tmp_path, capsys, depth):
    brief = make_project(tmp_path, brief=BRIEF + "extra: " + "[" * depth + "]" * depth + "\n")
    assert main(["check", str(brief)]) == 1
    err = capsys.readouterr().err
    assert "mini.yaml, línea" in err and "anida más de 100 listas" in err
    assert "Traceback" not in err and "error interno" not in err
