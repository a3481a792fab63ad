"""The archive: PDF/A checked by pikepdf's validator (and refused when broken), poppler
agreeing, checksums, versions, read-only files, reproducible builds, interrupted writes."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import threading
import time
import zipfile
from pathlib import Path

import pikepdf
import pytest

from mini import make_project
from sectorial import archive
from sectorial.cli import main
from sectorial.render.pdf.pdfa import pdfa_problems


@pytest.fixture(scope="module")
def vraem(root: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("vraem")
    assert main(["build", str(root / "briefs" / "vraem-2024.yaml"), "--out", str(out)]) == 0
    return out


@pytest.fixture()
def mini(tmp_path: Path) -> dict[str, Path]:
    brief = make_project(tmp_path)
    out = tmp_path / "output"
    assert main(["build", str(brief), "--out", str(out), "--formats", "pdf"]) == 0
    return {"brief": brief, "out": out, "pdf": out / "mini-2024.pdf",
            "archive": tmp_path / "archivo", "root": tmp_path}


def run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def test_the_built_pdf_is_pdfa_and_poppler_agrees(vraem: Path):
    pdf = vraem / "vraem-2024.pdf"
    assert pdfa_problems(pdf) == []
    fonts = run("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts and all(re.search(r"\byes\s+yes\s+yes\b", line) for line in fonts), fonts
    assert not any("Helvetica" in line for line in fonts)
    info = run("pdfinfo", str(pdf))
    assert "Title:           Desempeño económico del VRAEM 2024" in info
    assert "Author:          Ministerio de la Producción - OGEIEE" in info
    assert "Subject:         Análisis Sectorial: contribución del VRAEM" in info
    assert re.search(r"^Metadata Stream:\s+yes$", info, re.M)
    assert re.search(r"^Encrypted:\s+no$", info, re.M)
    assert re.search(r"^JavaScript:\s+no$", info, re.M)
    assert "CreationDate:    Thu May  1 00:00:00 2025 UTC" in info  # the edition, not the clock
    xmp = run("pdfinfo", "-meta", str(pdf))
    assert "<pdfaid:part>2</pdfaid:part>" in xmp and "<pdfaid:conformance>A" in xmp
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert ">Desempeño económico del VRAEM 2024</rdf:li>" in xmp  # same title, accents too
    assert "es-PE" in xmp
    with pikepdf.open(pdf) as document:
        assert "/OutputIntents" in document.Root
        assert all("/Trans" not in page.obj for page in document.pages)


def _break(source: Path, target: Path, how: str) -> None:
    with pikepdf.open(source) as pdf:
        if how == "sin perfil de salida":
            del pdf.Root["/OutputIntents"]
        elif how == "JavaScript":
            pdf.Root["/OpenAction"] = pikepdf.Dictionary(
                S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('hola')"))
        elif how == "título distinto en XMP":
            pdf.docinfo["/Title"] = "Otro título"
        elif how == "fuente sin incrustar":
            page = pdf.pages[0]
            font = pdf.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                BaseFont=pikepdf.Name.Helvetica))
            page.obj.Resources.Font["/FX"] = font
            page.contents_add(pdf.make_stream(b"BT /FX 12 Tf 10 10 Td (x) Tj ET"))
        elif how == "sin XMP":
            del pdf.Root["/Metadata"]
        elif how == "otra parte de PDF/A":
            with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
                xmp["pdfaid:part"] = "1"
        if how == "cifrado":
            pdf.save(target, encryption=pikepdf.Encryption(owner="o", user=""))
        else:
            pdf.save(target)


BROKEN = ["sin perfil de salida", "JavaScript", "título distinto en XMP", "fuente sin incrustar",
          "sin XMP", "otra parte de PDF/A", "cifrado"]


@pytest.mark.parametrize("how", BROKEN)
def test_the_validator_refuses_a_broken_copy(vraem: Path, tmp_path: Path, how: str, capsys):
    broken = tmp_path / "vraem-2024.pdf"
    _break(vraem / "vraem-2024.pdf", broken, how)
    problems = pdfa_problems(broken)
    assert problems, how
    assert main(["archive", str(broken), "--archive-dir", str(tmp_path / "a")]) == 1
    err = capsys.readouterr().err
    assert f"{broken}: no es un PDF/A válido" in err
    assert not (tmp_path / "a").exists()


def test_archiving_twice_gives_one_entry_read_only_by_edition(mini, capsys):
    folder = mini["archive"]
    assert main(["archive", str(mini["pdf"]), "--archive-dir", str(folder)]) == 0
    assert main(["archive", str(mini["pdf"]), "--archive-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    target = folder / "2025" / "09" / "mini-2024.pdf"  # edition 2025-09
    assert f"archivado: {target}" in out and f"ya archivado: {target}" in out
    [entry] = archive.read_manifest(folder)
    assert entry["archivo"] == "2025/09/mini-2024.pdf" and entry["version"] == 1
    assert entry["sha256"] == archive.file_digest(mini["pdf"])
    assert entry["bytes"] == mini["pdf"].stat().st_size
    assert entry["periodo"] == "2024" and entry["estilo"] == "produce"
    assert entry["sectorial"] and entry["archivado"]
    data = mini["root"] / "data" / "empresas.csv"
    [(name, digest)] = entry["datos"].items()
    assert name.endswith("data/empresas.csv") and digest == archive.file_digest(data)
    assert target.read_bytes() == mini["pdf"].read_bytes()
    assert oct(target.stat().st_mode & 0o777) == "0o444"


def test_a_changed_edition_becomes_v2_and_keeps_v1(mini, capsys):
    folder = mini["archive"]
    assert main(["archive", str(mini["pdf"]), "--archive-dir", str(folder)]) == 0
    first = (folder / "2025" / "09" / "mini-2024.pdf").read_bytes()
    data = mini["root"] / "data" / "empresas.csv"
    data.write_text(data.read_text("utf-8").replace("2024,Junín,60", "2024,Junín,61"), "utf-8")
    assert main(["build", str(mini["brief"]), "--out", str(mini["out"]), "--formats", "pdf",
                 "--archive", "--archive-dir", str(folder)]) == 0
    assert f"archivado: {folder / '2025' / '09' / 'mini-2024.v2.pdf'}" in capsys.readouterr().out
    assert (folder / "2025" / "09" / "mini-2024.pdf").read_bytes() == first
    entries = archive.read_manifest(folder)
    assert [e["version"] for e in entries] == [1, 2]
    assert entries[0]["datos"] != entries[1]["datos"]
    assert main(["archive", "verify", "--archive-dir", str(folder)]) == 0
    assert main(["archive", "list", "--archive-dir", str(folder), "--period", "2024"]) == 0
    listing = capsys.readouterr().out
    assert "2025/09/mini-2024.v2.pdf" in listing and "total: 2 archivos" in listing
    assert main(["archive", "list", "--archive-dir", str(folder), "--period", "2023"]) == 0
    assert "no hay archivos" in capsys.readouterr().out


def test_verify_reports_altered_missing_and_unlisted_files(mini, capsys):
    folder = mini["archive"]
    assert main(["archive", str(mini["pdf"]), "--archive-dir", str(folder)]) == 0
    target = folder / "2025" / "09" / "mini-2024.pdf"
    assert main(["archive", "verify", "--archive-dir", str(folder)]) == 0
    assert "verificación correcta: 1 archivo en" in capsys.readouterr().out
    target.chmod(0o644)
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit of one byte
    target.write_bytes(bytes(data))
    (folder / "2025" / "09" / "suelto.pdf").write_bytes(b"%PDF-1.7")
    assert main(["archive", "verify", "--archive-dir", str(folder)]) == 1
    err = capsys.readouterr().err
    assert f"alterado: {target}" in err
    assert "no registrado:" in err and "suelto.pdf" in err
    target.unlink()
    assert main(["archive", "verify", "--archive-dir", str(folder)]) == 1
    assert f"falta: {target}" in capsys.readouterr().err


def test_an_interrupted_archive_leaves_no_partial_file(mini, monkeypatch):
    folder = mini["archive"]
    folder.mkdir()
    (folder / archive.MANIFEST).write_text("", "utf-8")
    real_replace = os.replace

    def interrupted(source, target):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        archive.archive_pdf(mini["pdf"], folder)
    monkeypatch.setattr(os, "replace", real_replace)
    assert sorted(p.name for p in folder.rglob("*") if p.is_file()
                  and p.name != archive.LOCK) == [archive.MANIFEST]
    assert (folder / archive.MANIFEST).read_text("utf-8") == ""
    assert archive.archive_pdf(mini["pdf"], folder).status == archive.ARCHIVED


def test_a_pdf_without_its_build_record_is_refused(mini, tmp_path, capsys):
    elsewhere = tmp_path / "suelto" / "mini-2024.pdf"
    elsewhere.parent.mkdir()
    shutil.copy(mini["pdf"], elsewhere)
    assert main(["archive", str(elsewhere), "--archive-dir", str(mini["archive"])]) == 1
    assert "no se sabe de qué datos salió este PDF" in capsys.readouterr().err
    assert main(["archive", str(tmp_path / "no.pdf")]) == 1
    assert "no existe el archivo" in capsys.readouterr().err


def test_a_damaged_manifest_line_is_named(mini, capsys):
    folder = mini["archive"]
    assert main(["archive", str(mini["pdf"]), "--archive-dir", str(folder)]) == 0
    with (folder / archive.MANIFEST).open("a", encoding="utf-8") as stream:
        stream.write('{"archivo": "x.pdf"\n')
    assert main(["archive", "verify", "--archive-dir", str(folder)]) == 1
    assert "manifiesto.jsonl, línea 2: línea dañada en el manifiesto" in (
        capsys.readouterr().err)


def test_a_rebuild_is_byte_identical(root, tmp_path, monkeypatch):
    brief = str(root / "briefs" / "vraem-2024.yaml")
    first, second = tmp_path / "a", tmp_path / "b"
    assert main(["build", brief, "--out", str(first)]) == 0
    assert main(["build", brief, "--out", str(second)]) == 0
    for name in ("vraem-2024.pdf", "vraem-2024.docx"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1716940800")  # 2024-05-29 00:00 UTC
    third = tmp_path / "c"
    assert main(["build", brief, "--out", str(third)]) == 0
    assert "CreationDate:    Wed May 29 00:00:00 2024 UTC" in run(
        "pdfinfo", str(third / "vraem-2024.pdf"))
    with zipfile.ZipFile(third / "vraem-2024.docx") as docx:
        assert "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2024-05-29T00:00:00Z" in (
            docx.read("docProps/core.xml").decode())
        assert {info.date_time for info in docx.infolist()} == {(2024, 5, 29, 0, 0, 0)}
    assert (third / "vraem-2024.pdf").read_bytes() != (first / "vraem-2024.pdf").read_bytes()


def test_the_style_can_turn_pdfa_off(tmp_path):
    brief = make_project(tmp_path)
    style = tmp_path / "templates" / "produce" / "estilo.yaml"
    style.write_text(style.read_text("utf-8").replace('pdfa: "2a"', "pdfa: no"), "utf-8")
    assert main(["build", str(brief), "--out", str(tmp_path / "o"), "--formats", "pdf"]) == 0
    problems = pdfa_problems(tmp_path / "o" / "mini-2024.pdf")
    assert problems == ["el PDF no declara ser PDF/A; el archivo acepta PDF/A-2 o PDF/A-3, "
                        "niveles A o B"]
    style.write_text(style.read_text("utf-8").replace("pdfa: no", 'pdfa: "1b"'), "utf-8")
    assert main(["build", str(brief), "--out", str(tmp_path / "o")]) == 1


@pytest.mark.parametrize("level", ["2b", "3a", "3b"])
def test_every_level_the_style_offers_is_archived(tmp_path, level):
    """What the house style may choose, the archive takes: level B files declare PDF/UA too
    (they are tagged the same), which pikepdf's checker alone would refuse."""
    brief = make_project(tmp_path)
    style = tmp_path / "templates" / "produce" / "estilo.yaml"
    style.write_text(style.read_text("utf-8").replace('pdfa: "2a"', f'pdfa: "{level}"'),
                     "utf-8")
    assert main(["build", str(brief), "--out", str(tmp_path / "o"), "--formats", "pdf",
                 "--archive", "--archive-dir", str(tmp_path / "archivo")]) == 0
    pdf = tmp_path / "o" / "mini-2024.pdf"
    assert pdfa_problems(pdf) == []
    xmp = run("pdfinfo", "-meta", str(pdf))
    assert f"<pdfaid:conformance>{level[1].upper()}" in xmp and "<pdfuaid:part>1" in xmp


def _redeclared(source: Path, target: Path, old: str, new: str) -> Path:
    with pikepdf.open(source) as pdf:
        packet = pdf.Root.Metadata.read_bytes().decode("utf-8")
        assert old in packet
        pdf.Root.Metadata.write(packet.replace(old, new).encode("utf-8"))
        pdf.save(target)
    return target


def test_the_archive_reads_the_pdf_ua_declaration(vraem: Path, tmp_path: Path):
    """pikepdf's checker does not read XMP extensions: the archive checks the PDF/UA part
    and the schema that describes it."""
    pdf = vraem / "vraem-2024.pdf"
    wrong = _redeclared(pdf, tmp_path / "parte.pdf", "<pdfuaid:part>1<", "<pdfuaid:part>abc<")
    assert any("PDF/UA parte" in p for p in pdfa_problems(wrong))
    bare = _redeclared(pdf, tmp_path / "sin-esquema.pdf", "<pdfaSchema:prefix>pdfuaid<",
                       "<pdfaSchema:prefix>otro<")
    assert any("esquema de extensión" in p for p in pdfa_problems(bare))


def test_manifest_lines_are_json(mini):
    assert main(["archive", str(mini["pdf"]), "--archive-dir", str(mini["archive"])]) == 0
    lines = (mini["archive"] / archive.MANIFEST).read_text("utf-8").splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["documento"] == "mini-2024"


@pytest.mark.parametrize("state", ["missing", "empty"])
def test_verify_of_a_missing_or_empty_archive_is_an_error(tmp_path, capsys, state):
    folder = tmp_path / "archivo"
    if state == "empty":
        folder.mkdir()
    assert main(["archive", "verify", "--archive-dir", str(folder)]) == 1
    err = capsys.readouterr().err
    assert ("no existe la carpeta" if state == "missing" else "no tiene nada registrado") in err
    assert "verificación correcta" not in err


@pytest.fixture()
def two(mini) -> dict[str, Path]:
    """The mini brief built for 2023 as well: two PDFs to archive."""
    assert main(["build", str(mini["brief"]), "--out", str(mini["out"]), "--formats", "pdf",
                 "--period", "2023"]) == 0
    return {**mini, "other": mini["out"] / "mini-2023.pdf"}


def heads(text: str) -> list[str]:
    return re.findall(r"cabeza de la cadena: ([0-9a-f]{64})", text)


def test_each_archive_prints_the_head_and_verify_checks_it(two, capsys):
    folder = two["archive"]
    assert main(["archive", str(two["pdf"]), str(two["other"]), "--archive-dir",
                 str(folder)]) == 0
    first, last = heads(capsys.readouterr().out)
    entries = archive.read_manifest(folder)
    assert entries[0]["anterior"] == "" and entries[1]["anterior"] == first
    assert last == archive.head(entries)
    for recorded in (last, first):  # the head written down now, or before the last archive
        assert main(["archive", "verify", "--archive-dir", str(folder), "--head",
                     recorded]) == 0
        out = capsys.readouterr().out
        assert "cadena completa" in out and f"cabeza de la cadena: {last}" in out


def replace_archived(folder: Path, number: int, data: bytes) -> None:
    """What a forger does: put other bytes in place of entry ``number`` and its hash in the
    manifest, so that the checksum check passes."""
    entries = archive.read_manifest(folder)
    target = folder / entries[number]["archivo"]
    target.chmod(0o644)
    target.write_bytes(data)
    entries[number]["sha256"] = hashlib.sha256(data).hexdigest()
    (folder / archive.MANIFEST).write_text(
        "".join(archive.line_of(e) + "\n" for e in entries), "utf-8")


def test_a_pdf_replaced_with_its_hash_breaks_the_chain(two, capsys):
    folder = two["archive"]
    assert main(["archive", str(two["pdf"]), str(two["other"]), "--archive-dir",
                 str(folder)]) == 0
    capsys.readouterr()
    replace_archived(folder, 0, two["other"].read_bytes())
    assert main(["archive", "verify", "--archive-dir", str(folder)]) == 1
    err = capsys.readouterr().err
    assert f"cadena rota: {folder / archive.MANIFEST}, línea 2" in err


def test_the_last_pdf_replaced_with_its_hash_is_caught_by_the_recorded_head(two, capsys):
    folder = two["archive"]
    assert main(["archive", str(two["pdf"]), str(two["other"]), "--archive-dir",
                 str(folder)]) == 0
    recorded = heads(capsys.readouterr().out)[-1]
    replace_archived(folder, 1, two["pdf"].read_bytes())
    assert main(["archive", "verify", "--archive-dir", str(folder), "--head", recorded]) == 1
    assert "el manifiesto se reescribió" in capsys.readouterr().err


def test_a_symlink_in_place_of_an_archived_pdf_fails(two, capsys):
    folder = two["archive"]
    assert main(["archive", str(two["pdf"]), "--archive-dir", str(folder)]) == 0
    [entry] = archive.read_manifest(folder)
    target = folder / entry["archivo"]
    kept = two["root"] / "copia.pdf"
    shutil.copy(target, kept)
    target.unlink()
    target.symlink_to(kept)  # same bytes, same hash: only the link gives it away
    assert main(["archive", "verify", "--archive-dir", str(folder)]) == 1
    assert f"enlace: {target}" in capsys.readouterr().err


def test_two_archives_at_once_keep_both_entries(two, monkeypatch):
    """Both read the manifest before either writes it: without the lock, one entry is lost."""
    folder = two["archive"]
    slow = archive.provenance

    def provenance(pdf, digest):
        time.sleep(0.5)  # between reading the manifest and writing it
        return slow(pdf, digest)

    monkeypatch.setattr(archive, "provenance", provenance)
    failures: list[BaseException] = []

    def archiving(pdf: Path) -> None:
        try:
            archive.archive_pdf(pdf, folder)
        except BaseException as exc:  # reported by the assertion below
            failures.append(exc)

    threads = [threading.Thread(target=archiving, args=(pdf,))
               for pdf in (two["pdf"], two["other"])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures
    entries = archive.read_manifest(folder)
    assert sorted(e["documento"] for e in entries) == ["mini-2023", "mini-2024"]
    assert archive.verify(folder)[1] == []


def test_entries_from_before_the_chain_are_announced(two, capsys):
    folder = two["archive"]
    assert main(["archive", str(two["pdf"]), "--archive-dir", str(folder)]) == 0
    entries = archive.read_manifest(folder)
    for entry in entries:
        del entry["anterior"]  # as a manifest written before the chain existed
    (folder / archive.MANIFEST).write_text(
        "".join(archive.line_of(e) + "\n" for e in entries), "utf-8")
    capsys.readouterr()
    assert main(["archive", "verify", "--archive-dir", str(folder)]) == 0
    assert "aviso: 1 entrada es de antes de la cadena" in capsys.readouterr().out
