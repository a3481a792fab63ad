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
    signed = values_series("Var. %", (0.04, -5.1), 1, PRODUCE, signed=True)
    assert signed.labels == ("0.0", "-5.1") and signed.number_format.signed


def test_the_word_chart_of_a_tiny_bar_carries_its_label_as_text(look):
    series = values_series("Millones US$", (34.7, 0.0148), 1, PRODUCE)
    chart = Chart(key="c", kind="hbars", title="T", subtitle="", categories=("A", "B"),
                  series=(series,), alt_text="Barras.")
    xml = word_chart(chart, look, datetime(2026, 1, 1), (80.0, 60.0)).xml.decode()
    assert "<a:t>&lt;0.1</a:t>" in xml and "<a:t>34.7</a:t>" in xml
    assert 'formatCode="#,##0.0" sourceLinked="0"' not in xml
