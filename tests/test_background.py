"""One document, two cores: a format rendered in a second process is the same file, and what
goes wrong there is reported as if it had gone wrong here."""

from __future__ import annotations

import os
import threading
from dataclasses import replace

import pytest

from mini import make_project
from sectorial import background
from sectorial.errors import Location, RenderError
from sectorial.pipeline import Timings, prepare, render

FORMATS = ("docx", "pdf")

needs_fork = pytest.mark.skipif(not background.available(),
                                reason="this system cannot fork a second process")


@pytest.fixture(autouse=True)
def _no_debug(monkeypatch):
    monkeypatch.delenv("SECTORIAL_DEPURAR", raising=False)  # it keeps work in one process


def prepared(tmp_path, form: str):
    brief = make_project(tmp_path)
    ready = prepare(brief, None, Timings())
    look = replace(ready.house.look, docx_charts=form)
    return replace(ready, house=replace(ready.house, look=look))


def files(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@needs_fork
@pytest.mark.parametrize(("form", "aside"), [("nativo", "DOCX"), ("imagen", "PDF")])
def test_a_format_rendered_in_a_second_process_is_the_same_file(tmp_path, form, aside):
    ready = prepared(tmp_path, form)
    render(ready, tmp_path / "uno", FORMATS, Timings())
    timings = Timings()
    render(ready, tmp_path / "dos", FORMATS, timings, spare_core=True)
    assert files(tmp_path / "dos") == files(tmp_path / "uno")
    assert sorted(files(tmp_path / "dos")) == ["mini-2024.cifras.csv", "mini-2024.docx",
                                               "mini-2024.pdf"]
    assert f"{aside} en paralelo" in timings.stages


@needs_fork
def test_a_docx_of_native_charts_is_rendered_aside_without_any_picture(tmp_path,
                                                                       monkeypatch):
    import sectorial.render.word.document as docx

    seen = tmp_path / "imagenes.txt"
    real = docx.render

    def spy(doc, look, images, out):
        seen.write_text(f"{os.getpid()} {len(images)}")
        real(doc, look, images, out)

    monkeypatch.setattr(docx, "render", spy)
    render(prepared(tmp_path, "nativo"), tmp_path / "out", FORMATS, Timings(),
           spare_core=True)
    pid, pictures = seen.read_text().split()
    assert int(pid) != os.getpid() and pictures == "0"  # another process, no picture


@needs_fork
def test_two_processes_share_the_drawing_and_draw_each_chart_once(sample_doc, look):
    """This process claims charts from the front, the helper from the back: together they
    draw every chart once, each exactly as one process alone draws it."""
    from sectorial.render.charts import ChartQueue, render_charts

    queue = ChartQueue(sample_doc, look, shared=True)
    helper = background.Background(queue.draw, True)
    try:
        front = queue.draw()
        back = helper.result()
    finally:
        helper.stop()
    assert not set(front) & set(back)
    assert front | back == render_charts(sample_doc, look)
    keys = [chart.key for chart in sample_doc.charts()]
    assert list(front) == keys[:len(front)]  # in order from the front
    assert list(back) == keys[len(front):][::-1]  # and from the back


def test_a_docx_of_native_charts_alone_draws_no_picture(tmp_path, monkeypatch):
    import sectorial.render.charts as charts

    def no_drawing(*args):
        raise AssertionError("no debía dibujar")

    monkeypatch.setattr(charts.ChartQueue, "draw", no_drawing)
    timings = Timings()
    (path,) = [p for p in render(prepared(tmp_path, "nativo"), tmp_path / "out", ("docx",),
                                 timings) if p.suffix == ".docx"]
    assert path.stat().st_size > 0
    assert "gráficos" not in timings.stages
    with pytest.raises(AssertionError, match="no debía dibujar"):  # pictures: drawn
        render(prepared(tmp_path / "b", "imagen"), tmp_path / "out2", ("docx",), Timings())


@needs_fork
@pytest.mark.parametrize(("module", "ahead"), [("sectorial.render.word.document", False),
                                               ("sectorial.render.pdf.pages", True)])
def test_an_error_in_the_second_process_is_reported_whole_and_nothing_is_written(
        tmp_path, monkeypatch, module, ahead):
    """The DOCX aside once the pictures are drawn, or the PDF started ahead."""
    import importlib

    def broken(*args):
        raise RenderError("falla simulada", Location("estilo.yaml", line=3), "corrija x")

    monkeypatch.setattr(importlib.import_module(module), "render", broken)
    with pytest.raises(RenderError) as caught:
        if ahead:
            built_ahead(tmp_path, "nativo", "out")
        else:
            render(prepared(tmp_path, "nativo"), tmp_path / "out", FORMATS, Timings(),
                   spare_core=True)
    assert str(caught.value) == "estilo.yaml, línea 3: falla simulada\n  Qué hacer: corrija x"
    assert not (tmp_path / "out").exists()


@needs_fork
def test_a_second_process_that_dies_is_an_error_and_nothing_is_written(tmp_path,
                                                                       monkeypatch):
    import sectorial.render.word.document as docx

    monkeypatch.setattr(docx, "render", lambda *args: os._exit(3))
    with pytest.raises(RenderError, match=r"terminó sin resultado \(código 3\)"):
        render(prepared(tmp_path, "nativo"), tmp_path / "out", FORMATS, Timings(),
               spare_core=True)
    assert not (tmp_path / "out").exists()


@needs_fork
def test_background_returns_values_and_raises_what_the_child_raised():
    helper = background.Background(sum, [1, 2, 3])
    assert helper.result() == 6
    helper.stop()

    def steps():
        yield "dibujos"
        yield "archivos"

    helper = background.Background(steps)
    assert [helper.result(), helper.result()] == ["dibujos", "archivos"]  # as they come
    helper.stop()

    class Unpicklable(Exception):
        def __init__(self, lock):
            super().__init__("con un candado")
            self.lock = lock

    def fails():
        raise Unpicklable(threading.Lock())

    with pytest.raises(RuntimeError, match="Unpicklable: con un candado"):
        background.Background(fails).result()


def test_no_second_process_where_it_cannot_be_trusted(monkeypatch):
    monkeypatch.setenv("SECTORIAL_DEPURAR", "1")  # the whole traceback, in one process
    assert not background.available()


# The PDF's process started ahead: before the data is read, it imports its libraries.

def built_ahead(tmp_path, form: str, out: str):
    from sectorial.ahead import start_ahead

    ahead = start_ahead(FORMATS)
    assert ahead is not None
    try:
        ready = prepared(tmp_path, form)
        timings = Timings()
        paths = render(ready, tmp_path / out, FORMATS, timings, ahead=ahead)
    finally:
        ahead.stop()
    return paths, timings


@needs_fork
@pytest.mark.parametrize("form", ["nativo", "imagen"])
def test_the_pdf_rendered_ahead_is_the_same_file(tmp_path, form):
    render(prepared(tmp_path / "a", form), tmp_path / "uno", FORMATS, Timings())
    _, timings = built_ahead(tmp_path / "b", form, "dos")
    assert files(tmp_path / "b" / "dos") == files(tmp_path / "uno")
    assert "PDF en paralelo" in timings.stages and "gráficos en paralelo" in timings.stages
    assert ("gráficos" in timings.stages) == (form == "imagen")  # the DOCX's pictures, here


@needs_fork
def test_a_character_the_pdf_cannot_print_found_ahead_names_its_data_cell(tmp_path,
                                                                          monkeypatch):
    import sectorial.render.pdf.pages as pdf
    from sectorial.render.glyphs import GlyphError

    monkeypatch.setattr(pdf, "problems", lambda doc, look: [GlyphError(
        "la fuente no tiene «C»", "C", "quite el carácter")])
    with pytest.raises(RenderError) as caught:
        built_ahead(tmp_path, "nativo", "out")
    said = str(caught.value)
    assert "la fuente no tiene «C»" in said and ".csv" in said and "fila" in said
    assert not (tmp_path / "out").exists()


ORPHAN = """
import os, signal, sys
from sectorial import background
def waits(receive):
    receive()
    yield 1
helper = background.Background(waits, inbox=True)
print(helper._process.pid, flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # the parent dies before giving it its work
"""


@needs_fork
def test_a_process_waiting_for_its_work_ends_when_its_parent_dies():
    import subprocess
    import sys
    import time

    parent = subprocess.run([sys.executable, "-c", ORPHAN], capture_output=True, text=True,
                            timeout=60)
    child = int(parent.stdout.split()[0])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        with open(f"/proc/{child}/stat") as stat:
            if stat.read().rsplit(")", 1)[1].split()[0] == "Z":
                return
        time.sleep(0.05)
    os.kill(child, 9)
    pytest.fail("the process outlived its parent, waiting for work that never comes")
