"""The preview without a browser: what a rebuild redraws, what an error keeps, what the
server answers."""

from __future__ import annotations

import contextlib
import json
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from mini import make_project, make_regional_project
from sectorial.cli import main
from sectorial.periods import Period
from sectorial.preview.server import start
from sectorial.preview.session import Session


@contextlib.contextmanager
def serving(session: Session) -> Iterator[str]:
    """The session served on a free port; its address."""
    server = start(lambda: session.shown, 0)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def texts(session: Session) -> str:
    return " ".join(page.text for page in session.shown.pages)


def test_a_changed_line_redraws_only_its_page(tmp_path):
    brief = make_project(tmp_path)
    session = Session(brief)
    first = session.rebuild()
    assert first.error is None and first.redrawn == len(first.pages) == 3
    assert "180 empresas" in texts(session)
    assert not session.changed()
    brief.write_text(brief.read_text("utf-8").replace('"Hay {{ total | entero }} empresas."',
                                                      '"Se cuentan {{ total | entero }}."'),
                     "utf-8")
    assert session.changed()
    second = session.rebuild()
    assert second.error is None and second.redrawn == 1 and second.version == 2
    assert "Se cuentan 180." in second.pages[2].text
    assert second.pages[1] == first.pages[1]  # the page that did not change is the one kept


def test_an_error_keeps_the_last_good_pages_until_it_is_fixed(tmp_path):
    brief = make_project(tmp_path)
    data = tmp_path / "data" / "empresas.csv"
    session = Session(brief)
    good = session.rebuild()
    data.write_text(data.read_text("utf-8").replace("2024,Junín,60", "2024,Junín,sesenta"),
                    "utf-8")
    failed = session.rebuild()
    assert "empresas.csv, fila 7, columna 'empresas'" in failed.error
    assert "sesenta" in failed.error and "Qué hacer" in failed.error
    assert failed.pages == good.pages and failed.version == good.version + 1
    data.write_text(data.read_text("utf-8").replace("sesenta", "75"), "utf-8")
    fixed = session.rebuild()
    assert fixed.error is None and "195 empresas" in " ".join(p.text for p in fixed.pages)


def test_a_fan_out_shows_the_region_asked_or_says_which_it_shows(tmp_path):
    brief = make_regional_project(tmp_path)
    asked = Session(brief, Period.parse("2025-09"), {"region": "madre de dios"}).rebuild()
    assert asked.error is None and asked.note is None
    assert "Madre de Dios en setiembre 2025" in " ".join(p.text for p in asked.pages)
    first = Session(brief, Period.parse("2025-09")).rebuild()
    assert first.note == ("se muestra region = Apurímac, el primero de 3; elija otro con "
                          "--region o --only")


def test_the_server_answers_the_page_the_images_the_pdf_and_the_state(tmp_path):
    session = Session(make_project(tmp_path))
    session.rebuild()
    with serving(session) as base:
        page = urllib.request.urlopen(base + "/").read().decode("utf-8")
        assert '<html lang="es">' in page and 'src="/pagina/3.png?v=1"' in page
        assert "180 empresas" in page
        state = json.loads(urllib.request.urlopen(base + "/estado").read())
        assert state == {"version": 1, "error": None, "paginas": 3}
        assert urllib.request.urlopen(base + "/pagina/1.png").read()[:8] == b"\x89PNG\r\n\x1a\n"
        assert urllib.request.urlopen(base + "/documento.pdf").read()[:5] == b"%PDF-"
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base + "/pagina/4.png")
        assert missing.value.code == 404


def test_a_busy_port_and_a_missing_brief_are_spanish_errors(tmp_path, capsys):
    session = Session(make_project(tmp_path))
    server = start(lambda: session.shown, 0)
    try:
        port = server.server_address[1]
        assert main(["preview", str(tmp_path / "briefs" / "mini.yaml"), "--port",
                     str(port)]) == 1
        assert f"no se puede abrir el puerto {port} en 127.0.0.1" in capsys.readouterr().err
    finally:
        server.shutdown()
        server.server_close()
    assert main(["preview", str(tmp_path / "no.yaml")]) == 1
    assert "no.yaml: no existe el informe" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["preview", str(tmp_path / "no.yaml"), "--port", "99999"])
    assert usage.value.code == 2
    assert "puerto no válido '99999'" in capsys.readouterr().err


def test_a_first_build_that_fails_still_watches_the_data_it_needs(tmp_path):
    brief = make_project(tmp_path)
    data = tmp_path / "data" / "empresas.csv"
    kept = data.read_text("utf-8")
    data.unlink()
    session = Session(brief)
    assert "empresas.csv" in session.rebuild().error
    data.write_text(kept, "utf-8")
    assert session.changed()
    assert session.rebuild().error is None


def test_a_style_file_replaced_or_added_redraws_every_page(tmp_path):
    brief = make_project(tmp_path)
    session = Session(brief)
    first = session.rebuild()
    folder = tmp_path / "templates" / "produce"
    (folder / "nuevo.txt").write_text("un archivo más", "utf-8")
    assert session.changed()
    again = session.rebuild()
    assert again.redrawn == len(again.pages)  # the style changed: no page kept
    assert len(first.pages) == len(again.pages)


def test_the_server_answers_only_to_this_machines_names(tmp_path):
    session = Session(make_project(tmp_path))
    session.rebuild()
    with serving(session) as base:
        url = f"{base}/documento.pdf"
        asked = urllib.request.Request(url, headers={"Host": "otro-sitio.example"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(asked)
        assert refused.value.code == 403
        local = urllib.request.Request(url, headers={"Host": "localhost:8765"})
        assert urllib.request.urlopen(local).read()[:5] == b"%PDF-"
