"""Chart labels: an amount is never a false zero, and a Word chart prints a label with its
own number format only when that format prints it as the PDF does."""

from __future__ import annotations

from datetime import datetime

from sectorial.doc.model import Chart
from sectorial.lang.numbers import PRODUCE, PROMPERU
from sectorial.render.word.charts import word_chart
from sectorial.text.labels import values_series


def test_a_tiny_amount_says_how_small_and_keeps_its_sign():
    series = values_series("Millones", (34.7, 0.0148, 0.0, -0.02, -3.0), 1, PRODUCE)
    assert series.labels == ("34.7", "<0.1", "0.0", ">-0.1", "-3.0")
    assert series.number_format is None  # Word's "#,##0.0" would print 0.0
    assert values_series("M", (0.0148,), 1, PROMPERU).labels == ("<0,1",)


def test_plain_labels_keep_the_number_format_word_recomputes():
    series = values_series("Empresas", (14645.0, 17224.0), 0, PRODUCE)
    assert series.labels == ("14,645", "17,224")
    assert series.number_format is not None and series.number_format.decimals == 0
    signed = values_series("Var. %", (2.04, -5.1), 1, PRODUCE, signed=True)
    assert signed.labels == ("+2.0", "-5.1") and signed.number_format.signed
    # Excel's "+0.0;-0.0;0.0" would print 0.04 as "+0.0", the PDF "0.0": Word gets the text
    near = values_series("Var. %", (0.04, -5.1), 1, PRODUCE, signed=True)
    assert near.labels == ("0.0", "-5.1") and near.number_format is None


def test_the_word_chart_of_a_tiny_bar_carries_its_label_as_text(look):
    series = values_series("Millones US$", (34.7, 0.0148), 1, PRODUCE)
    chart = Chart(key="c", kind="hbars", title="T", subtitle="", categories=("A", "B"),
                  series=(series,), alt_text="Barras.")
    xml = word_chart(chart, look, datetime(2026, 1, 1), (80.0, 60.0)).xml.decode()
    assert "<a:t>&lt;0.1</a:t>" in xml and "<a:t>34.7</a:t>" in xml
    assert 'formatCode="#,##0.0" sourceLinked="0"' not in xml


def _chart(kind: str, categories: tuple[str, ...], values: tuple[float, ...],
           labels: tuple[str, ...]) -> Chart:
    from sectorial.doc.model import ChartSeries

    return Chart(key="c", kind=kind, title="Título", subtitle="(Unidad)",
                 categories=categories, series=(ChartSeries("S", values, labels),),
                 alt_text="")


def test_the_alt_text_of_a_timeline_says_its_trend_first():
    from sectorial.text.labels import with_alt_text

    years = ("2019", "2020", "2021")
    rise = with_alt_text(_chart("columns", years, (587, 1004, 981), ("587", "1,004", "981")),
                         "Gráfico de columnas", timeline=True).alt_text
    assert rise == ("Gráfico de columnas. Título (Unidad). De 2019 a 2021 sube de 587 a 981; "
                    "su mayor valor es 1,004, en 2020. 2019: 587, 2020: 1,004 y 2021: 981.")
    fall = with_alt_text(_chart("lines", years, (5, 4, 3), ("5", "4", "3")), "G",
                         timeline=True).alt_text
    assert "De 2019 a 2021 baja de 5 a 3. 2019" in fall and "mayor valor" not in fall
    flat = with_alt_text(_chart("lines", years, (5, 5.2, 4.9), ("5", "5", "5")), "G",
                         timeline=True).alt_text
    assert "se mantiene en 5." in flat


def test_the_alt_text_of_a_ranking_names_its_leader_unless_two_share_the_top():
    from sectorial.text.labels import with_alt_text

    names = ("Comercio", "Servicios", "Otros")
    bars = with_alt_text(_chart("hbars", names, (7613, 7303, 9000), ("7,613", "7,303",
                                                                     "9,000")),
                         "G", timeline=False).alt_text
    assert "Encabeza" not in bars  # the remainder, last, is larger: no leader is named
    first = with_alt_text(_chart("hbars", ("Otros", "Cusco", "Junín"), (900, 300, 200),
                                 ("900", "300", "200")), "G", timeline=False).alt_text
    assert "Encabeza" not in first  # what is left comes first (categorías): never a leader
    bars = with_alt_text(_chart("hbars", names, (7613, 7303, 50), ("7,613", "7,303", "50")),
                         "G", timeline=False).alt_text
    assert "Encabeza Comercio, con 7,613. Comercio: 7,613" in bars
    tie = with_alt_text(_chart("hbars", names, (10, 10, 5), ("10", "10", "5")), "G",
                        timeline=False).alt_text
    assert "Encabeza" not in tie
    donut = with_alt_text(_chart("donut", ("Informal", "Formal"), (84.6, 15.4),
                                 ("84.6%", "15.4%")), "G", timeline=False).alt_text
    assert "La mayor participación (84.6%) corresponde a Informal." in donut
    both = with_alt_text(_chart("diverging", ("A", "B", "C"), (3.2, 0.5, -1.5),
                                ("+3.2", "+0.5", "-1.5")), "G", timeline=False).alt_text
    assert "La mayor alza es la de A, con +3.2; la mayor caída, la de C, con -1.5." in both
    falls = with_alt_text(_chart("diverging", ("A", "B"), (-0.5, -1.5), ("-0.5", "-1.5")),
                          "G", timeline=False).alt_text
    assert "La mayor caída, la de B, con -1.5." in falls and "alza" not in falls
