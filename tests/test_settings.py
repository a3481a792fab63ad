"""sectorial.toml: found beside the brief or above it, every key from the environment, an
empty variable clears, and the office's time zone in the times written and shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from sectorial import clock
from sectorial.errors import SectorialError
from sectorial.mail.settings import load_settings
from sectorial.settings import SETTINGS, locate, read_settings, variable

SERVER = """[smtp]
host = "smtp.example.org"
user = "oee@example.org"
from = "Oficina <oee@example.org>"
timeout = 12
[send]
retries = 4
"""


@pytest.fixture()
def project(tmp_path: Path, monkeypatch) -> Path:
    """A project: its root (with .git), briefs two folders down, and elsewhere as cwd."""
    (tmp_path / "proyecto" / ".git").mkdir(parents=True)
    (tmp_path / "proyecto" / "briefs" / "regional").mkdir(parents=True)
    (tmp_path / "otra").mkdir()
    monkeypatch.chdir(tmp_path / "otra")
    return tmp_path / "proyecto"


def brief(project: Path) -> Path:
    path = project / "briefs" / "regional" / "junin.yaml"
    path.write_text("titulo: x\n", "utf-8")
    return path


def test_the_file_beside_the_brief_wins_then_the_folders_above_it(project):
    (project / "sectorial.toml").write_text(SERVER, "utf-8")
    found = locate(brief(project))
    assert found.path == project / "sectorial.toml"
    assert str(found) == f"configuración: {project / 'sectorial.toml'}"
    beside = project / "briefs" / "regional" / "sectorial.toml"
    beside.write_text(SERVER.replace("smtp.example.org", "cerca.example.org"), "utf-8")
    assert locate(brief(project)).path == beside
    settings = load_settings(None, {"SECTORIAL_SMTP_PASSWORD": "x"}, near=brief(project))
    assert settings.host == "cerca.example.org" and str(beside) in settings.source


def test_the_search_stops_at_the_project_root_and_says_where_it_looked(project, tmp_path):
    (tmp_path / "sectorial.toml").write_text(SERVER, "utf-8")  # above the root: not this one
    found = locate(brief(project))
    assert found.path is None
    said = str(found)
    assert "no se encontró sectorial.toml" in said
    for folder in (project / "briefs" / "regional", project / "briefs", project,
                   tmp_path / "otra"):
        assert str(folder) in said
    assert str(tmp_path) + "," not in said
    (tmp_path / "otra" / "sectorial.toml").write_text(SERVER, "utf-8")  # the current folder
    assert locate(brief(project)).path == tmp_path / "otra" / "sectorial.toml"


def test_a_named_file_must_exist(project):
    with pytest.raises(SectorialError, match="no existe el archivo de configuración"):
        load_settings(project / "no.toml", {})


def test_every_key_has_its_variable_and_it_wins_over_the_file(project):
    path = project / "sectorial.toml"
    path.write_text(SERVER, "utf-8")
    names = [variable(section, key.name) for section in SETTINGS.names()
             for key in SETTINGS[section].value.keys]
    assert "SECTORIAL_SEND_BACKOFF_SECONDS" in names and "SECTORIAL_SMTP_CAFILE" in names
    assert "SECTORIAL_OFICINA_ZONA_HORARIA" in names
    env = {"SECTORIAL_SMTP_PASSWORD": "x", "SECTORIAL_SMTP_TIMEOUT": "45",
           "SECTORIAL_SEND_RETRIES": "7", "SECTORIAL_SEND_MAX_MB": "2",
           "SECTORIAL_SEND_PER_MINUTE": "6", "SECTORIAL_SEND_BACKOFF_SECONDS": "0"}
    s = load_settings(path, env)
    assert (s.timeout, s.retries, s.max_bytes, s.per_minute, s.backoff_seconds) == (
        45.0, 7, 2 * 1024 * 1024, 6.0, 0.0)
    found, errors = read_settings(locate(named=path), {"SECTORIAL_OFICINA_ZONA_HORARIA":
                                                      "America/Bogota"})
    assert errors == [] and found.values["oficina"]["zona_horaria"] == "America/Bogota"


def test_an_empty_variable_clears_the_value_of_the_file(project):
    path = project / "sectorial.toml"
    path.write_text(SERVER.replace('host = "smtp.example.org"', 'host = "127.0.0.1"\n'
                                   'security = "none"'), "utf-8")
    s = load_settings(path, {"SECTORIAL_SMTP_USER": "", "SECTORIAL_SMTP_TIMEOUT": "",
                             "SECTORIAL_SEND_RETRIES": ""})
    assert s.user is None and s.password is None  # a loopback server with no login
    assert (s.timeout, s.retries) == (30.0, 3)  # the defaults, not the file's 12 and 4


@pytest.mark.parametrize(("name", "value", "said"), [
    ("SECTORIAL_SEND_RETRIES", "tres", "variable SECTORIAL_SEND_RETRIES: no es un número"),
    ("SECTORIAL_SEND_RETRIES", "99", "variable SECTORIAL_SEND_RETRIES"),
    ("SECTORIAL_SMTP_SECURITY", "tls", "variable SECTORIAL_SMTP_SECURITY"),
])
def test_a_wrong_variable_is_named_in_the_error(project, name, value, said):
    path = project / "sectorial.toml"
    path.write_text(SERVER, "utf-8")
    with pytest.raises(SectorialError) as caught:
        load_settings(path, {"SECTORIAL_SMTP_PASSWORD": "x", name: value})
    assert said in str(caught.value)


def test_the_office_zone_is_lima_unless_configured(project, monkeypatch):
    monkeypatch.setattr(clock, "_ZONE", [])
    assert str(clock.configure(brief(project), environ={})) == "America/Lima"
    assert clock.now().endswith("-05:00")  # Peru keeps no summer time
    assert clock.shown("2026-12-02T15:20:31+00:00") == "2026-12-02 10:20"
    (project / "sectorial.toml").write_text('[oficina]\nzona_horaria = "Europe/Madrid"\n',
                                            "utf-8")
    clock.configure(brief(project), environ={})
    assert clock.shown("2026-12-02T15:20:31+00:00") == "2026-12-02 16:20"
    (project / "sectorial.toml").write_text('[oficina]\nzona_horaria = "America/Lim"\n',
                                            "utf-8")
    with pytest.raises(SectorialError) as caught:
        clock.configure(brief(project), environ={})
    assert "zona horaria desconocida 'America/Lim'" in str(caught.value)
    assert f"{project / 'sectorial.toml'}, campo 'oficina.zona_horaria'" in str(caught.value)


def test_a_brief_in_no_project_looks_only_beside_itself(tmp_path, monkeypatch):
    (tmp_path / "sectorial.toml").write_text(SERVER, "utf-8")  # a stray file above
    (tmp_path / "suelto").mkdir()
    (tmp_path / "aqui").mkdir()
    monkeypatch.chdir(tmp_path / "aqui")
    loose = tmp_path / "suelto" / "informe.yaml"
    loose.write_text("titulo: x\n", "utf-8")
    if any((folder / mark).exists() for folder in tmp_path.parents
           for mark in (".git", "pyproject.toml")):
        pytest.skip("the temporary folder is inside a project")
    assert locate(loose).path is None
    assert locate(loose).searched == (tmp_path / "suelto", tmp_path / "aqui")
