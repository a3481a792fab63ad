"""The document model: frozen data that renderers visit; a node they do not know is an
error naming it, never skipped."""

from __future__ import annotations

import dataclasses

import pytest

from sectorial.doc.model import ArticlePage, Chart, Paragraph, Span, Text, page_charts
from sectorial.doc.visitor import Visitor
from sectorial.errors import RenderError


def test_the_model_is_frozen(sample_doc):
    with pytest.raises(dataclasses.FrozenInstanceError):
        sample_doc.name = "otro"  # type: ignore[misc]


def test_charts_are_found_on_topic_pages_and_among_article_blocks(sample_doc):
    topic = sample_doc.pages[1]
    assert sample_doc.charts() == tuple(c for p in sample_doc.pages for c in page_charts(p))
    chart = next(c for c in sample_doc.charts())
    article = ArticlePage("", "", "Nota", None, (Paragraph(Text((Span("a"),))), chart))
    assert page_charts(article) == (chart,) and isinstance(chart, Chart)
    assert page_charts(topic) == topic.charts


def test_a_visitor_names_the_node_it_cannot_draw():
    class Drawer(Visitor):
        def visit_Paragraph(self, node: Paragraph) -> str:
            return "p"

    assert Drawer().visit(Paragraph(Text(()))) == "p"
    with pytest.raises(RenderError, match="Drawer no sabe dibujar un bloque de tipo 'Span'"):
        Drawer().visit(Span("x"))
