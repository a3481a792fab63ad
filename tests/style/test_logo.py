"""The office's logo, declared in estilo.yaml, on the cover and atop every page, in both
formats, in place of the drawn band (which stays the default)."""

from __future__ import annotations

import hashlib
import subprocess
import zipfile
from pathlib import Path

from PIL import Image

from mini import make_project
from readback import libreoffice
from sectorial.cli import main

GREEN = (0x00, 0xB0, 0x50)


def with_logo(tmp_path: Path, content: bytes | None = None) -> tuple[Path, Path]:
    brief = make_project(tmp_path)
    folder = tmp_path / "templates" / "produce"
    logo = folder / "logo.png"
    if content is None:
        Image.new("RGB", (300, 100), GREEN).save(logo)
    else:
        logo.write_bytes(content)
    style = folder / "estilo.yaml"
    style.write_text(style.read_text("utf-8") + '\nlogo: {archivo: logo.png, texto: '
                     '"Logotipo de la Oficina de Estudios"}\n', "utf-8")
    return brief, logo


def green_pixels(pdf: Path, page: int, folder: Path) -> int:
    prefix = folder / f"{pdf.stem}-{page}"
    subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", "30", "-png",
                    "-singlefile", str(pdf), str(prefix)], check=True)
    image = Image.open(f"{prefix}.png").convert("RGB")
    top = image.crop((0, 0, image.width // 2, image.height // 4))  # the band's corner
    return sum(count for count, pixel in top.getcolors(top.width * top.height)
               if all(abs(a - b) < 30 for a, b in zip(pixel, GREEN)))


def test_the_logo_is_on_the_cover_and_atop_each_page_in_both_formats(tmp_path):
    brief, logo = with_logo(tmp_path)
    out = tmp_path / "o"
    assert main(["build", str(brief), "--out", str(out)]) == 0
    pdf, docx = out / "mini-2024.pdf", out / "mini-2024.docx"
    listed = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                            check=True).stdout.splitlines()[2:]
    pages = {int(line.split()[0]) for line in listed if line.split()[3:5] == ["300", "100"]}
    assert pages == {1, 2, 3}  # the cover, then the band of each page
    digest = hashlib.sha256(logo.read_bytes()).hexdigest()
    with zipfile.ZipFile(docx) as package:
        media = [n for n in package.namelist() if n.startswith("word/media/")]
        assert digest in {hashlib.sha256(package.read(n)).hexdigest() for n in media}
        header = next(n for n in package.namelist() if n.startswith("word/_rels/header"))
        assert "media/" in package.read(header).decode("utf-8")
        body = package.read("word/document.xml").decode("utf-8")
    assert 'descr="Logotipo de la Oficina de Estudios"' in body
    seen = libreoffice(docx, "pdf", tmp_path / "lo")
    for page in (1, 2):
        assert green_pixels(pdf, page, tmp_path) > 0
        assert green_pixels(seen, page, tmp_path) > 0


def test_without_a_logo_the_band_is_drawn(tmp_path):
    brief = make_project(tmp_path)
    out = tmp_path / "o"
    assert main(["build", str(brief), "--out", str(out), "--formats", "pdf"]) == 0
    listed = subprocess.run(["pdfimages", "-list", str(out / "mini-2024.pdf")],
                            capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert listed == []


def test_a_logo_that_is_not_an_image_names_its_line(tmp_path, capsys):
    brief, _ = with_logo(tmp_path, b"no soy una imagen")
    assert main(["check", str(brief)]) == 1
    err = capsys.readouterr().err
    assert "estilo.yaml, línea" in err and "campo 'logo.archivo'" in err
    assert "no es una imagen PNG ni JPEG" in err


def test_a_missing_logo_names_its_line(tmp_path, capsys):
    brief, logo = with_logo(tmp_path)
    logo.unlink()
    assert main(["build", str(brief), "--out", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert "campo 'logo.archivo': no existe el logo" in err
    assert not (tmp_path / "o").exists() or not list((tmp_path / "o").glob("*.pdf"))


def test_on_the_cover_of_the_pdf_the_logo_is_a_figure_with_what_it_says(tmp_path):
    """A screen reader hears the logo's ``texto`` first on the cover; atop the other pages
    the logo is a running head (an artifact). The tagged file stays valid PDF/UA."""
    import page
    import pikepdf

    brief, _ = with_logo(tmp_path)
    out = tmp_path / "o"
    assert main(["build", str(brief), "--out", str(out), "--formats", "pdf"]) == 0
    pdf = out / "mini-2024.pdf"
    with pikepdf.open(pdf) as document:
        cover = document.Root.StructTreeRoot.K.K[0]
        first = cover.K[0]
        assert first.S == pikepdf.Name.Figure
        assert str(first.Alt) == "Logotipo de la Oficina de Estudios"
    report = page.validate_pdf(str(pdf), profile="ua1")
    assert report.is_compliant, [f.message for f in report.failures]
