"""The invariants every generated document keeps, over the stress corpus (issue 18).

Each case of ``corpus.CASES`` is built once (DOCX, PDF and figures ledger); the PDF is
read back with poppler and the DOCX with LibreOffice, tools that did not write them."""

from __future__ import annotations

import csv
import html as html_text
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from corpus import CASES, Case

from readback import needs_tools, normalise
from sectorial.cli import main
from sectorial.lang.phrases import fold
from sectorial.lang.shares import LEFTOVER_WORDS

pytestmark = needs_tools

BY_NAME = {case.name: case for case in CASES}
BUILT = [case.name for case in CASES if not case.refuses]
TEXT_KINDS = ("caja", "mensaje", "viñeta", "texto", "entradilla", "título", "nota",
              "encabezado")


@dataclass
class Built:
    case: Case
    code: int
    err: str
    out: Path
    files: list[Path] = field(default_factory=list)
    ledger: list[dict[str, str]] = field(default_factory=list)
    pdf_text: str = ""
    docx_text: str = ""
    words: list[tuple[int, float, float, float, float, str]] = field(default_factory=list)
    pages: list[tuple[float, float]] = field(default_factory=list)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Built]:
    root = tmp_path_factory.mktemp("corpus")
    built: dict[str, Built] = {}
    import contextlib
    import io
    for number, case in enumerate(CASES):
        folder = root / f"caso{number:02d}"
        brief = case.write(folder)
        out = folder / "out"
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["build", str(brief), *case.args, "--out", str(out), "--jobs", "1"])
        one = Built(case, code, err.getvalue(), out)
        if out.is_dir():
            one.files = sorted(p for p in out.iterdir() if not p.name.startswith("."))
        built[case.name] = one
    _read_back(root, [b for b in built.values() if b.code == 0])
    return built


def _read_back(root: Path, built: list[Built]) -> None:
    """pdftotext and pdftotext -bbox for each PDF; one LibreOffice run for every DOCX."""
    docx = root / "docx"
    docx.mkdir()
    for number, one in enumerate(built):
        pdf = next(p for p in one.files if p.suffix == ".pdf")
        ledger = next(p for p in one.files if p.name.endswith(".cifras.csv"))
        with ledger.open(encoding="utf-8-sig", newline="") as handle:
            one.ledger = list(csv.DictReader(handle))
        plain = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                               check=True).stdout
        layout = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                                text=True, check=True).stdout
        one.pdf_text = normalise(layout) + " \n " + normalise(plain)
        one.pages, one.words = _boxes(pdf)
        shutil.copy(next(p for p in one.files if p.suffix == ".docx"), docx / f"d{number}.docx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{root / 'perfil-lo'}",
                    "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir",
                    str(root / "txt"), *sorted(str(p) for p in docx.iterdir())],
                   capture_output=True, timeout=600, check=False)
    for number, one in enumerate(built):
        text = root / "txt" / f"d{number}.txt"
        assert text.is_file(), f"LibreOffice no pudo abrir el DOCX de {one.case.name}"
        one.docx_text = normalise(text.read_text(encoding="utf-8-sig"))


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
_WORD = re.compile(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" '
                   r'yMax="([\d.-]+)">([^<]*)</word>')


def _boxes(pdf: Path):
    """Each page's size and each word's box, as poppler finds them."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages: list[tuple[float, float]] = []
    words = []
    for chunk in html.split("<page ")[1:]:
        width, height = _PAGE.match("<page " + chunk).groups()
        pages.append((float(width), float(height)))
        for x0, y0, x1, y1, text in _WORD.findall(chunk):
            words.append((len(pages), float(x0), float(y0), float(x1), float(y1),
                          html_text.unescape(text)))  # "&lt;0.1" is "<0.1"
    return pages, words


def _text_rows(one: Built) -> list[dict[str, str]]:
    return [r for r in one.ledger if r["elemento"] in TEXT_KINDS]


@pytest.mark.parametrize("name", [c.name for c in CASES])
def test_each_case_builds_or_is_refused_with_its_reason(corpus, name):
    """Valid data build; data that cannot be published (no year to compare with) stop with
    exit 1, the file and the reason, no traceback and no document."""
    one = corpus[name]
    assert "Traceback" not in one.err and "error interno" not in one.err, one.err
    if not one.case.refuses:
        assert one.code == 0, one.err
        assert {p.suffix for p in one.files} >= {".docx", ".pdf", ".csv"}
        return
    assert one.code == 1
    for fragment in one.case.refuses:
        assert fragment in one.err, (fragment, one.err)
    assert not one.files


@pytest.mark.parametrize("name", BUILT)
def test_every_figure_of_the_text_is_in_both_outputs(corpus, name):
    """Each figure the ledger says the text prints is in the PDF (poppler) and in the DOCX
    (LibreOffice). Chart labels are drawn in pictures in the PDF: they are not text yet."""
    one = corpus[name]
    rows = [r for r in one.ledger if r["elemento"] not in ("gráfico",)]
    assert rows
    for row in rows:
        printed = normalise(row["texto_impreso"])
        assert printed in one.pdf_text, (row["lugar_en_el_informe"], printed)
        assert printed in one.docx_text, (row["lugar_en_el_informe"], printed)


@pytest.mark.parametrize("name", BUILT)
def test_no_figure_is_inf_or_nan(corpus, name):
    """No "inf%" nor "nan"; a figure that cannot be computed (a variation from nothing) is
    "n.d." in its place, never a whole list or phrase ("la producción de n.d.")."""
    one = corpus[name]
    for text in (one.pdf_text, one.docx_text):
        assert not re.search(r"\b(inf|nan|NaN|None)\b", text)
        assert not re.search(r"\b(de|en|a|con|por) n\.d\.", text), text


@pytest.mark.parametrize("name", BUILT)
def test_a_positive_share_never_prints_as_zero(corpus, name):
    """A part with a value is never "0.0%" in the text or a table ("menos del 0.1%")."""
    one = corpus[name]
    zero = re.compile(r"(?<![\d.,])0[.,]0\s?%")
    for row in one.ledger:
        if row["elemento"] == "gráfico" or not row["valor_exacto"]:
            continue
        if zero.search(normalise(row["texto_impreso"])):
            # a share whose part has a value: its amount is in the same cell or sentence
            assert float(row["valor_exacto"]) == 0, row
    for text in (one.pdf_text, one.docx_text):
        assert not re.search(r"\((?:menos del )?0[.,]0\s?%\)", text), text
        assert not re.search(r"\b(el|del|al) menos del\b", text), text  # no article


@pytest.mark.parametrize("name", BUILT)
def test_an_amount_never_prints_as_a_false_zero_in_a_table_or_a_chart(corpus, name):
    """US$ 300 thousand in a table in millions is "<1", not a false "0"; a bar of US$ 15
    thousand in a chart in millions is "<0.1", as its table and its text say; a loss as
    small is ">-1"; an incidence of +0.04 p.p. in a chart is "+0.04", not "0.0"."""
    zero = re.compile(r"[-+]?0(?:[.,]0+)?\s?%?")
    for row in corpus[name].ledger:
        if not row["valor_exacto"] or float(row["valor_exacto"]) == 0:
            continue
        amount = row["unidad"] in ("USD", "PEN", "numero")
        if row["elemento"] in ("tabla", "cuadro", "gráfico") and amount:
            assert zero.fullmatch(row["texto_impreso"].strip()) is None, row
        # a bar of a variation or an incidence: one more decimal (to 0.01) before a 0.0
        if row["elemento"] == "gráfico" and abs(float(row["valor_exacto"])) >= 0.005:
            assert zero.fullmatch(row["texto_impreso"].strip()) is None, row


def _leftover(label: str) -> bool:
    return fold(" ".join(label.split())) in LEFTOVER_WORDS


@pytest.mark.parametrize("name", BUILT)
def test_a_negligible_part_is_never_named_among_the_main_ones(corpus, name):
    """«destacaron Minería (89.3%), Agropecuario (10.6%) y Pesca (menos del 0.1%)»: a part
    that prints as less than the least share does not stand out; a whole of one part is
    not its «principal»."""
    for text in (corpus[name].pdf_text, corpus[name].docx_text):
        for sentence in re.split(r"\.\s+(?=[A-ZÁÉÍÓÚ•])|•", text):  # not at 89.3%
            assert not (re.search(r"\bdestac", sentence, re.IGNORECASE)
                        and "(menos del" in sentence), sentence
        assert not re.search(r"principal \w+ \w+[^.]*, con el 100[.,]0\s?%", text), text
    if name == "regional un grupo":
        assert "Todo lo exportado en setiembre de 2025 correspondió a Minería" in \
            corpus[name].pdf_text


def test_a_note_whose_exports_fell_keeps_no_words_of_growth(corpus):
    """The press note's quotes speak of growth («ha seguido generando crecimiento», «Llama
    la atención el crecimiento…»): each block says under what it holds (``si``), and when
    the exports, the cacao and the piña fell, neither is printed."""
    fell, grew = corpus["junín caída fuerte"], corpus["junín nombres largos"]
    for text in (fell.pdf_text, fell.docx_text):
        assert "cayeron" in text
        assert "seguido generando crecimiento" not in text
        assert "Llama la atención el crecimiento" not in text
    for text in (grew.pdf_text, grew.docx_text):
        assert "seguido generando crecimiento" in text
        assert "Llama la atención el crecimiento" in text


@pytest.mark.parametrize("name", BUILT)
def test_a_leftover_category_never_leads(corpus, name):
    """"Otros" is never named in the text as a leading part: texts and rankings skip it."""
    one = corpus[name]
    for row in _text_rows(one):
        label = re.search(r"\[([^\]]+)\]$", row["indicador"])
        assert not (label and _leftover(label.group(1))), row
    for text in (one.pdf_text, one.docx_text):
        assert not re.search(r"\b(Otros|Otras|Resto)\b \(", text)
        assert not re.search(r"correspondió a (otros|otras|resto)\b", text)


@pytest.mark.parametrize("name", BUILT)
def test_no_two_boxes_of_a_page_show_the_same_figure(corpus, name):
    """January: the month and its accumulated period are one figure, shown once."""
    one = corpus[name]
    shown: dict[tuple[str, str], str] = {}
    for row in one.ledger:
        place = re.match(r"(paginas\[\d+\])\.cajas\[(\d+)\]\.cifra$", row["lugar_en_el_informe"])
        if not place:
            continue
        key = (place.group(1), row["texto_impreso"])
        assert shown.setdefault(key, place.group(2)) == place.group(2), (
            f"las cajas {shown[key]} y {place.group(2)} de {place.group(1)} muestran "
            f"{row['texto_impreso']}")


def _value(row: dict[str, str]) -> tuple[str, str]:
    value = float(row["valor_exacto"])
    return row["unidad"], f"{value:.4g}"


@pytest.mark.parametrize("name", BUILT)
def test_no_page_repeats_the_pages_before_it(corpus, name):
    """A thematic page whose every figure was already shown on the pages before it (the
    accumulated period in January) is a repetition."""
    one = corpus[name]
    boxes = {r["pagina"] for r in one.ledger if r["elemento"] == "caja"}
    by_page: dict[int, set] = {}
    for row in one.ledger:
        if row["valor_exacto"] and row["pagina"] not in boxes and row["pagina"] != "0":
            by_page.setdefault(int(row["pagina"]), set()).add(_value(row))
    seen: set = set()
    for page in sorted(by_page):
        figures = by_page[page]
        repeated = len(figures & seen)
        assert len(figures) < 3 or repeated * 2 <= len(figures), (
            f"la página {page} repite las anteriores: {repeated} de sus {len(figures)} cifras")
        seen |= figures


@pytest.mark.parametrize("name", BUILT)
def test_every_ledger_row_names_its_files_and_rows(corpus, name):
    """A reviewer takes any printed figure and finds the data file and rows of each of its
    operands in its row, also for a share, a variation or a ratio."""
    one = corpus[name]
    for row in one.ledger:
        if row["elemento"] == "comprobación exceptuada":
            continue
        origin = row["origen"]
        assert re.search(r"\.(csv|xlsx)\b", origin), row
        assert re.search(r"\bfilas? \d", origin), (row["indicador"], origin)


@pytest.mark.parametrize("name", BUILT)
def test_no_text_leaves_its_page_and_no_two_words_overlap(corpus, name):
    """Every word poppler finds is inside the page's margins and on no other word."""
    one = corpus[name]
    assert one.words
    by_page: dict[int, list] = {}
    for page, x0, y0, x1, y1, text in one.words:
        width, height = one.pages[page - 1]
        assert x0 >= 0 and y0 >= 0 and x1 <= width and y1 <= height, (page, text)
        by_page.setdefault(page, []).append((x0, y0, x1, y1, text))
    for page, words in by_page.items():
        words.sort()
        for i, (x0, y0, x1, y1, text) in enumerate(words):
            for a0, b0, a1, b1, other in words[i + 1:]:
                if a0 >= x1:
                    break
                overlap_x = min(x1, a1) - max(x0, a0)
                overlap_y = min(y1, b1) - max(y0, b0)
                assert not (overlap_x > 1 and overlap_y > 1), (page, text, other)


_PARAGRAPH = re.compile(r"<w:p[ >].*?</w:p>", re.DOTALL)
_PIECE = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>|<w:noBreakHyphen/>")


@pytest.mark.parametrize("name", BUILT)
def test_no_line_break_can_split_a_figure_in_the_docx(corpus, name):
    """In the DOCX a minus before a figure is a non-breaking hyphen, and a figure's word of
    scale is joined to it by a no-break space: "(-" never ends a line before "29.8%)"."""
    import zipfile

    one = corpus[name]
    docx = next(p for p in one.files if p.suffix == ".docx")
    with zipfile.ZipFile(docx) as package:
        xml = package.read("word/document.xml").decode()
    for paragraph in _PARAGRAPH.findall(xml):
        text = "".join(m.group(1) if m.group(1) is not None else "\u2011"
                       for m in _PIECE.finditer(paragraph))
        assert not re.search(r"(?:^|[\s(])-\d", text), text
        assert not re.search(r"\d (?:mil|millones|millón|billones)\b", text), text


@pytest.mark.parametrize("name", BUILT)
def test_a_figure_is_stated_at_most_twice_on_a_page(corpus, name):
    """The same figure (one indicator, one value) is written at most twice in a page's
    texts (its charts and tables aside)."""
    one = corpus[name]
    said: dict[tuple[str, str, str], set[str]] = {}
    for row in _text_rows(one):
        if row["valor_exacto"] and re.search(r"\d", row["texto_impreso"]):
            key = (row["pagina"], row["indicador"], row["valor_exacto"])
            said.setdefault(key, set()).add(row["lugar_en_el_informe"])
    for (page, indicator, _), places in said.items():
        assert len(places) <= 2, f"página {page}: {indicator} en {sorted(places)}"


@pytest.mark.parametrize("name", BUILT)
def test_two_growth_methods_are_both_named(corpus, name):
    """A brief that uses two growth methods says which one each rate is."""
    from sectorial.indicators.values import GROWTH_EXPLAINED

    one = corpus[name]
    methods = {row["metodo"] for row in one.ledger if row["metodo"]}
    if len(methods) < 2:
        return
    for method in methods:
        named = (method, GROWTH_EXPLAINED.get(method, method))
        assert any(normalise(words) in one.pdf_text for words in named), method


@pytest.mark.parametrize("name", BUILT)
def test_each_ledger_row_is_on_its_page(corpus, name):
    """The ledger's page is the PDF page where the figure's page starts: the figure is on
    it, or on the continuation pages that follow it before the next page of the brief."""
    one = corpus[name]
    _on_their_pages(one, _text_rows(one))


@pytest.mark.parametrize("name", BUILT)
def test_every_chart_label_is_text_on_its_page(corpus, name):
    """A chart's figures are text in the PDF (its charts are vectors): each chart label of
    the ledger is found by poppler on the chart's page (the overlap invariant above then
    checks that no two labels collide)."""
    one = corpus[name]
    rows = [r for r in one.ledger if r["elemento"] == "gráfico" and r["texto_impreso"]]
    assert rows or not any(r["elemento"] == "gráfico" for r in one.ledger)
    _on_their_pages(one, rows)


def _on_their_pages(one: Built, rows: list[dict[str, str]]) -> None:
    pages: dict[int, str] = {}
    for page, *_, text in one.words:
        pages[page] = pages.get(page, "") + text
    starts = sorted({int(r["pagina"]) for r in one.ledger if r["pagina"] != "0"})
    for row in rows:
        start = int(row["pagina"])
        later = [p for p in starts if p > start]
        end = later[0] - 1 if later else len(one.pages)
        printed = re.sub(r"\s+", "", normalise(row["texto_impreso"]))
        assert any(printed in re.sub(r"\s+", "", normalise(pages.get(p, "")))
                   for p in range(start, end + 1)), (row["pagina"], row["lugar_en_el_informe"],
                                                     printed)


@pytest.mark.parametrize("name", BUILT)
def test_every_pdf_is_tagged_and_passes_pdf_ua_and_pdf_a_2a(corpus, name):
    """On any valid data (continuation pages, 30 categories, long names, split tables), the
    PDF stays accessible: a checker that did not write it (page, PyPI page-validation)
    passes it as PDF/UA-1 and PDF/A-2a."""
    import page

    pdf = next(p for p in corpus[name].files if p.suffix == ".pdf")
    for profile in ("ua1", "2a"):
        report = page.validate_pdf(str(pdf), profile=profile)
        assert sorted({f"{f.rule_id}: {f.message}" for f in report.failures}) == [], profile


def test_a_table_longer_than_its_page_breaks_and_is_read_once(corpus):
    """The press note's table of 80 products breaks across pages under its heading, its
    header row repeated on each page for the eye and read once (the repeats are
    artifacts), every product row read once, in order."""
    one = corpus["junín cuadro de 80 filas"]
    pdf = next(p for p in one.files if p.suffix == ".pdf")
    pages = [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                            capture_output=True, text=True, check=True).stdout
             for n in range(1, len(one.pages) + 1)]
    with_header = [n for n, text in enumerate(pages, start=1) if "Millones de US$" in text]
    assert len(with_header) >= 2, with_header
    tree = subprocess.run(["pdfinfo", "-struct-text", str(pdf)], capture_output=True,
                          text=True, check=True).stdout
    assert tree.count('"Millones de US$ "') == 1
    rows = re.findall(r'"(Producto de prueba \d+) "', tree)
    printed = re.findall(r"Producto de prueba \d+", " ".join(pages))
    assert rows and sorted(rows) == sorted(printed) and len(set(rows)) == len(rows)


@pytest.mark.parametrize("name", BUILT)
def test_no_stream_of_the_pdf_reads_a_byte_short(corpus, name):
    """Before ``endstream`` comes an end of line; data ending in CR would read as CR LF."""
    pdf = next(p for p in corpus[name].files if p.suffix == ".pdf")
    assert b"\r\nendstream" not in pdf.read_bytes()


def test_in_the_docx_a_table_longer_than_its_page_starts_under_its_title(corpus, tmp_path):
    """LibreOffice's rendering of the DOCX: the 80 products begin on the page of their
    title (a table kept whole on one page would leave the title alone) and the header row
    repeats on the next page."""
    from readback import libreoffice

    one = corpus["junín cuadro de 80 filas"]
    pdf = libreoffice(next(p for p in one.files if p.suffix == ".docx"), "pdf", tmp_path)
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    [titled] = [page for page in pages if "principales productos exportados" in page]
    assert "Millones de US$" in titled and "Producto de prueba" in titled
    assert sum("Millones de US$" in page for page in pages) >= 2
