"""One declaration, one validator: the Spanish errors, the JSON Schema editors read, and the
README's tables all come from it and agree."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mini import BRIEF, make_project
from sectorial.cli import main
from sectorial.errors import BriefError
from sectorial.schema import Choice, Integer, Key, ListOf, Section, Text
from sectorial.schema.validate import validate
from sectorial.yamlfile import load_yaml

ROOT = Path(__file__).resolve().parents[2]
CHECKER = shutil.which("check-jsonschema") or str(Path(sys.executable).with_name(
    "check-jsonschema"))


def check_jsonschema(schema: Path, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([CHECKER, "--schemafile", str(schema), *map(str, files)],
                          capture_output=True, text=True, timeout=120)


def test_the_committed_schemas_and_the_tables_of_the_docs_are_up_to_date(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["schema", "--check", "--readme", "README.md", "--docs", "docs"]) == 0, \
        capsys.readouterr().err


def test_every_example_is_valid_for_the_schemas_editors_read():
    briefs = sorted((ROOT / "briefs").glob("*.yaml"))
    styles = sorted((ROOT / "templates").glob("*/estilo.yaml"))
    for schema, files in (("informe", briefs), ("estilo", styles),
                          ("sectorial", [ROOT / "sectorial.toml"])):
        done = check_jsonschema(ROOT / "schemas" / f"{schema}.schema.json", *files)
        assert done.returncode == 0, done.stdout + done.stderr


def test_a_typo_gets_the_same_key_from_check_and_from_an_editors_validation(tmp_path,
                                                                             capsys):
    brief = make_project(tmp_path, brief=BRIEF.replace("titulo: \"Mini", "titul: \"Mini"))
    assert main(["check", str(brief)]) == 1
    err = capsys.readouterr().err
    assert "mini.yaml, línea 5, campo 'titul': campo desconocido 'titul'" in err
    assert "¿quiso decir 'titulo'?" in err
    done = check_jsonschema(ROOT / "schemas" / "informe.schema.json", brief)
    assert done.returncode == 1
    assert "'titul' was unexpected" in done.stdout


def test_schema_writes_the_three_files(tmp_path, capsys):
    assert main(["schema", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "estilo.schema.json", "informe.schema.json", "sectorial.schema.json"]
    assert main(["schema", "--out", str(tmp_path), "--check"]) == 0
    (tmp_path / "estilo.schema.json").write_text("{}", "utf-8")
    assert main(["schema", "--out", str(tmp_path), "--check"]) == 1
    assert "desactualizado" in capsys.readouterr().err


SECTION = Section((
    Key("nombre", Text(), "", required=True),
    Key("decimales", Integer(0, 6, "escriba cuántos decimales"), "", default=0),
    Key("tipo", Choice(("columnas", "dona")), "", default="columnas"),
    Key("lista", ListOf(Text()), "", default=()),
))


@pytest.mark.parametrize(("text", "field", "message", "hint"), [
    ("nombre: a\nnombr: b\n", "nombr", "campo desconocido 'nombr'", "¿quiso decir 'nombre'?"),
    ("decimales: 1\n", "nombre", "falta el campo obligatorio 'nombre'", "agregue 'nombre:'"),
    ("nombre:\n", "nombre", "el campo obligatorio 'nombre' está vacío", "escriba su valor"),
    ("nombre: a\ndecimales: 9\n", "decimales", "debe ser un número de 0 a 6, no '9'",
     "escriba cuántos decimales"),
    ("nombre: a\ndecimales: dos\n", "decimales", "debe ser un número entero, no 'dos'", ""),
    ("nombre: a\ntipo: donna\n", "tipo", "valor no válido 'donna'", "¿quiso decir 'dona'?"),
    ("nombre: a\nlista: {x: 1}\n", "lista",
     "debe ser una lista (líneas que empiezan con '- ')", ""),
    ("nombre: [a]\n", "nombre", "debe ser un texto", ""),
])
def test_each_kind_of_mistake_has_its_spanish_message(tmp_path, text, field, message, hint):
    path = tmp_path / "x.yaml"
    path.write_text(text, "utf-8")
    report = validate(load_yaml(path, BriefError), SECTION.to_json(), str(path), BriefError)
    assert len(report.errors) == 1, report.errors
    error = report.errors[0]
    assert (error.where.field, error.message) == (field, message)
    assert hint in (error.hint or "")
