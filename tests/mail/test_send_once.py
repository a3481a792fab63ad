"""``send`` composes each document once: the letters come from the build's composition."""

from __future__ import annotations

from mini import REGIONAL_BRIEF, make_regional_project
from sectorial.brief import compose as composing
from sectorial.cli import main

LIST = ("region,nombre,correo,cargo\nApurímac,Ana,ana@example.org,Directora\n"
        "La Libertad,Luis,luis@example.org,Director\n"
        "Madre de Dios,Mía,mia@example.org,Analista\n")


def test_each_document_is_composed_once_per_send(tmp_path, monkeypatch):
    brief = make_regional_project(tmp_path)
    brief.write_text(REGIONAL_BRIEF.replace(
        "datos:\n", "envio:\n  destinatarios: ../data/lista.csv\ndatos:\n", 1), "utf-8")
    (tmp_path / "data" / "lista.csv").write_text(LIST, "utf-8")
    (tmp_path / "sectorial.toml").write_text('[smtp]\nfrom = "oee@example.org"\n', "utf-8")
    calls: list[str] = []
    real = composing.compose

    def counted(brief, indicators, house):  # type: ignore[no-untyped-def]
        calls.append(str(brief.value))
        return real(brief, indicators, house)

    monkeypatch.setattr(composing, "compose", counted)
    args = ["send", str(brief), "--period", "2025-09", "--dry-run", "--jobs", "1",
            "--out", str(tmp_path / "out"), "--config", str(tmp_path / "sectorial.toml")]
    assert main(args) == 0
    assert sorted(calls) == ["Apurímac", "La Libertad", "Madre de Dios"]
    calls.clear()
    assert main(args) == 0  # unchanged documents are not rebuilt, and composed once
    assert sorted(calls) == ["Apurímac", "La Libertad", "Madre de Dios"]
