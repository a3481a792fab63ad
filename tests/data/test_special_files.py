"""Files that are not files: a pipe or a link to /dev/zero would be read forever; a YAML
of nested aliases would expand to billions of values. Each is a clear error at once."""

from __future__ import annotations

import os

import pytest

from mini import BRIEF, make_project
from sectorial.cli import main

BOMB = "\n".join(
    ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)])


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_data_path_that_is_no_regular_file_is_refused_at_once(tmp_path, capsys, kind):
    brief = make_project(tmp_path)
    data = tmp_path / "data" / "empresas.csv"
    data.unlink()
    if kind == "fifo":
        os.mkfifo(data)
    else:
        data.symlink_to("/dev/zero")
    assert main(["check", str(brief)]) == 1
    err = capsys.readouterr().err
    assert "empresas.csv" in err and "no es un archivo de datos" in err


def test_a_yaml_alias_bomb_is_refused_before_it_expands(tmp_path, capsys):
    bomb = tmp_path / "bomba.yaml"
    bomb.write_text(BOMB, encoding="utf-8")
    assert main(["check", str(bomb)]) == 1
    assert "anclas y alias" in capsys.readouterr().err


def test_a_few_aliases_still_read(tmp_path):
    brief = make_project(tmp_path, brief=BRIEF.replace(
        "    fuentes: [empresas]\n  - tipo: tema", "    fuentes: &f [empresas]\n  - tipo: tema", 1)
        .replace("    fuentes: [empresas]\n", "    fuentes: *f\n"))
    assert "*f" in brief.read_text(encoding="utf-8")
    assert main(["check", str(brief)]) == 0
