"""The command line: exit codes, Spanish messages, nothing half-written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mini import BRIEF, DATA, make_project
from sectorial.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = subprocess.run([sys.executable, "-m", "sectorial", *args], capture_output=True,
                            text=True, timeout=120)
    return result.returncode, result.stdout, result.stderr


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (the build state in .sectorial/ included) and its bytes."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_writes_the_files_and_reports_time(tmp_path):
    brief = make_project(tmp_path)
    code, out, err = run("build", str(brief), "--out", str(tmp_path / "out"))
    assert code == 0, err
    assert out == ""  # the progress goes to the standard error: stdout is for results
    assert f"escrito: {tmp_path / 'out' / 'mini-2024.docx'}" in err
    assert f"escrito: {tmp_path / 'out' / 'mini-2024.pdf'}" in err
    assert "tiempo:" in err
    mode = (tmp_path / "out" / "mini-2024.pdf").stat().st_mode & 0o777
    assert mode & 0o044 == 0o044  # readable by others, as any file the user saves


def test_formats_option_limits_the_outputs(tmp_path):
    brief = make_project(tmp_path)
    assert main(["build", str(brief), "--out", str(tmp_path / "o"), "--formats", "pdf"]) == 0
    assert sorted(p.name for p in (tmp_path / "o").iterdir() if not p.name.startswith(".")) == [
        "mini-2024.cifras.csv", "mini-2024.pdf"]  # the figures ledger comes with every build


def test_period_option_changes_the_edition(tmp_path):
    brief = make_project(tmp_path)
    assert main(["build", str(brief), "--out", str(tmp_path / "o"), "--period", "2023",
                 "--formats", "pdf"]) == 0
    assert (tmp_path / "o" / "mini-2023.pdf").is_file()


def test_check_validates_without_writing(tmp_path, capsys):
    brief = make_project(tmp_path)
    assert main(["check", str(brief)]) == 0
    assert "correcto" in capsys.readouterr().out
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize("args", [[], ["build"], ["publicar", "x"], ["build", "x", "--formats",
                                                                      "html"],
                                  ["build", "x", "--period", "2025-13x"]])
def test_wrong_usage_exits_with_2(args):
    code, _, err = run(*args)
    assert code == 2
    assert "uso:" in err


def test_missing_brief_is_a_clear_error(tmp_path):
    code, out, err = run("build", str(tmp_path / "no.yaml"))
    assert code == 1
    assert "no existe el archivo" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("brief", "data", "expected"),
    [
        (BRIEF, DATA.replace("2024,Cusco,120", "2024,Cusco,n.d."),
         ["empresas.csv", "fila 6", "columna 'empresas'", "n.d."]),
        (BRIEF, DATA.replace("region", "departamento"),
         ["empresas.csv", "falta la columna 'region'"]),
        (BRIEF.replace("{{ total | entero }} empresas\"", "{{ totl | entero }} empresas\""),
         DATA, ["mini.yaml", "línea 23", "nombre no definido", "totl"]),
        (BRIEF.replace("{{ var | variacion }}", "{{ cycler.__init__.__globals__ }}"),
         DATA, ["mini.yaml", "no permitida"]),
        (BRIEF.replace("nombre: \"mini-{{ periodo }}\"", "nombre: \"../../etc\""),
         DATA, ["nombre de archivo no válido"]),
        (BRIEF.replace("estilo: produce", "estilo: otro"), DATA,
         ["no se encuentra el estilo 'otro'"]),
    ],
    ids=["nd-en-datos", "columna-renombrada", "nombre-no-definido", "caja-de-arena",
         "nombre-fuera-de-salida", "estilo-inexistente"],
)
def test_bad_input_exits_1_and_leaves_outputs_untouched(tmp_path, brief, data, expected):
    good = make_project(tmp_path / "bueno")
    out = tmp_path / "out"
    assert main(["build", str(good), "--out", str(out)]) == 0
    before = snapshot(out)
    bad = make_project(tmp_path / "malo", brief=brief, data=data)
    (bad.parent / "mini.yaml").rename(bad)  # same name as the good brief
    code, _, err = run("build", str(bad), "--out", str(out))
    assert code == 1, err
    for fragment in expected:
        assert fragment in err
    assert "Traceback" not in err
    assert snapshot(out) == before


def test_a_failing_renderer_leaves_previous_outputs(tmp_path, monkeypatch):
    brief = make_project(tmp_path)
    out = tmp_path / "out"
    assert main(["build", str(brief), "--out", str(out)]) == 0
    before = snapshot(out)
    import sectorial.render.pdf.pages as pdf

    def explode(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pdf, "render", explode)
    (tmp_path / "data" / "empresas.csv").write_text(DATA.replace("120", "130"), "utf-8")
    assert main(["build", str(brief), "--out", str(out)]) == 130
    assert snapshot(out) == before


def test_a_changed_data_value_changes_the_figure(tmp_path):
    brief = make_project(tmp_path, data=DATA.replace("2024,Cusco,120", "2024,Cusco,1234"))
    assert main(["build", str(brief), "--out", str(tmp_path / "o"), "--formats", "pdf"]) == 0
    text = subprocess.run(["pdftotext", str(tmp_path / "o" / "mini-2024.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    text = " ".join(text.replace("\u00a0", " ").split())
    assert "1,294 empresas" in text  # 1234 + 60
    assert "aumentó 762.7%" in text  # 1294 / 150 - 1


def test_an_internal_error_is_reported_without_traceback(tmp_path, monkeypatch, capsys):
    brief = make_project(tmp_path)
    import sectorial.pipeline as build

    def broken(*args, **kwargs):
        raise ZeroDivisionError("fallo simulado")

    monkeypatch.setattr(build, "compute_all", broken)
    assert main(["check", str(brief)]) == 1
    err = capsys.readouterr().err
    assert "error interno de sectorial" in err and "SECTORIAL_DEPURAR" in err


def test_a_terminated_build_leaves_previous_outputs_and_no_temporaries(tmp_path):
    import signal
    import time

    # The VRAEM brief takes well over a second: a signal one second in lands mid-build.
    brief = Path(__file__).resolve().parents[2] / "briefs" / "vraem-2024.yaml"
    out = tmp_path / "out"
    assert main(["build", str(brief), "--out", str(out)]) == 0
    before = snapshot(out)
    process = subprocess.Popen([sys.executable, "-m", "sectorial", "build", str(brief), "--out",
                                str(out), "--force"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    if process.returncode == 0:
        pytest.skip("la construcción terminó antes de la señal")
    assert process.returncode == 130
    assert "interrumpido" in err and "Traceback" not in err
    assert snapshot(out) == before


def test_check_reports_template_problems_even_when_the_data_fail(tmp_path, capsys):
    brief = make_project(
        tmp_path,
        brief=BRIEF.replace("Hay {{ total | entero }} empresas.", "Hay {{ totl | entero }}.")
                   .replace('titulo: "Mini informe {{ periodo }}"',
                            'titulo: "Mini informe {{ periodo }"'),
        data=DATA.replace("2024,Cusco,120", "2024,Cusco,n.d."),
    )
    assert main(["check", str(brief)]) == 1
    err = capsys.readouterr().err
    assert "Se encontraron 3 problemas" in err
    assert "empresas.csv, fila 6, columna 'empresas': celda con 'n.d.'" in err
    assert "línea 5, campo 'titulo': error de sintaxis en la plantilla" in err
    assert "campo 'paginas[2].vinetas[1]': nombre no definido: 'totl'" in err


def _interrupted_inside_a_library(after):
    """A chart drawing that gets SIGTERM and does with the KeyboardInterrupt what a library
    may do: ``after`` turns it into another error, or swallows it and carries on."""
    import os
    import signal
    import time

    from sectorial.render import charts

    real = charts.ChartQueue.draw

    def drawing(queue, from_back=False):
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)
        except KeyboardInterrupt:
            after()
        return real(queue, from_back)

    return drawing


def _matplotlib_mid_import():
    raise RuntimeError("Error calling __set_name__ on '_axis_method_wrapper' instance")


@pytest.mark.parametrize("after", [_matplotlib_mid_import, lambda: None],
                         ids=["convertida", "tragada"])
def test_an_interruption_a_library_hides_still_stops_the_build(tmp_path, monkeypatch, capsys,
                                                               after):
    from sectorial.render import charts

    brief = make_project(tmp_path)
    out = tmp_path / "out"
    assert main(["build", str(brief), "--out", str(out)]) == 0
    before = snapshot(out)
    monkeypatch.setattr(charts.ChartQueue, "draw", _interrupted_inside_a_library(after))
    assert main(["build", str(brief), "--out", str(out), "--force", "--jobs", "1"]) == 130
    err = capsys.readouterr().err
    assert "interrumpido" in err and "error interno" not in err
    assert snapshot(out) == before
    monkeypatch.undo()
    # The stop is forgotten once the command ends: the next build is not taken for stopped.
    assert main(["build", str(brief), "--out", str(out), "--force", "--jobs", "1"]) == 0


@pytest.mark.parametrize("how", ["json", "both"])
def test_a_reader_that_goes_away_stops_nothing(root, tmp_path, how):
    """``sectorial build --json … | head -1`` and ``sectorial build … 2>&1 | head -1``:
    once the reader is gone the build says nothing more, writes every file and ends well
    (no «error interno (BrokenPipeError)»)."""
    import json
    import subprocess
    import sys

    out = tmp_path / "out"
    extra, stderr = ((["--json", "--quiet"], subprocess.PIPE) if how == "json"
                     else ([], subprocess.STDOUT))
    build = subprocess.Popen([sys.executable, "-m", "sectorial", "build",
                              "briefs/exportaciones-regionales.yaml", "--period", "2025-09",
                              "--formats", "pdf", "--jobs", "2", "--out", str(out), *extra],
                             cwd=root, stdout=subprocess.PIPE, stderr=stderr, text=True)
    first = build.stdout.readline()  # the first of 25 documents
    if how == "json":
        assert json.loads(first)["estado"] == "construido"
    else:
        assert "escrito: " in first
    build.stdout.close()  # as head does after its line, while the others are built
    err = build.stderr.read() if build.stderr else ""
    assert build.wait(timeout=120) == 0, err
    assert err == ""
    assert len(list(out.glob("*.pdf"))) == 25 and len(list(out.glob("*.cifras.csv"))) == 25

def test_json_gives_one_object_per_document_and_quiet_says_only_errors(tmp_path):
    import json

    brief = make_project(tmp_path)
    out = tmp_path / "out"
    code, stdout, err = run("build", str(brief), "--out", str(out), "--json", "--quiet")
    assert code == 0 and err == ""
    [document] = [json.loads(line) for line in stdout.splitlines()]
    assert document["nombre"] == "mini" and document["estado"] == "construido"
    assert document["periodo"] == "2024" and document["error"] is None
    assert sorted(document["archivos"]) == sorted(
        str(out / name) for name in ("mini-2024.docx", "mini-2024.pdf", "mini-2024.cifras.csv"))
    assert document["segundos"] > 0 and "carga" in document["etapas"]
    assert any("PDF" in stage for stage in document["etapas"])
    again = json.loads(run("build", str(brief), "--out", str(out), "--json")[1])
    assert again["estado"] == "sin cambios"
    (tmp_path / "data" / "empresas.csv").write_text(DATA.replace("2024,Cusco,120",
                                                                 "2024,Cusco,n.d."), "utf-8")
    code, stdout, err = run("build", str(brief), "--out", str(out), "--json", "--quiet")
    failed = json.loads(stdout)
    assert code == 1 and failed["estado"] == "con error" and "empresas.csv" in failed["error"]
    assert "error" in err and "empresas.csv" in err  # the error is said on stderr too


def test_an_interrupt_while_the_arguments_are_read_prints_no_traceback():
    """Ctrl-C can land before the command's own handling starts (its imports, argparse):
    the command still says it was interrupted, with code 130, and no Python traceback."""
    probe = ("import sectorial.arguments as arguments\n"
             "def interrupted(argv=None):\n"
             "    raise KeyboardInterrupt\n"
             "arguments.parse = interrupted\n"
             "from sectorial.cli import entry\n"
             "entry()\n")
    done = subprocess.run([sys.executable, "-c", probe, "build", "x.yaml"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 130
    assert "interrumpido: no se escribió ningún archivo a medias" in done.stderr
    assert "Traceback" not in done.stderr
