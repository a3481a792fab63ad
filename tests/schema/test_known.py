"""A brief whose content passed the schema once is not validated again (the mark of its
content and of the schema, in the cache folder); any change to it is validated anew."""

from __future__ import annotations

import pytest

from mini import make_project
from sectorial.brief import loader
from sectorial.errors import SectorialError
from sectorial.schema import validate as validation


@pytest.fixture()
def counted(monkeypatch, tmp_path):
    monkeypatch.setenv("SECTORIAL_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(loader, "_READ", {})  # no reading kept from another test
    calls = []
    real = validation.validate

    def counting(*args, **kwargs):
        calls.append(args[2])
        return real(*args, **kwargs)

    monkeypatch.setattr(validation, "validate", counting)
    return calls


def test_a_valid_brief_is_validated_once_per_content(counted, tmp_path, monkeypatch):
    brief = make_project(tmp_path / "p")
    first = loader.load_brief(brief)
    monkeypatch.setattr(loader, "_READ", {})  # as a new command would
    second = loader.load_brief(brief)
    assert first == second and len(counted) == 1
    assert list((tmp_path / "cache" / "validos").iterdir())  # the mark
    brief.write_text(brief.read_text("utf-8") + "\n# otra versión\n", "utf-8")
    monkeypatch.setattr(loader, "_READ", {})
    loader.load_brief(brief)
    assert len(counted) == 2  # another content: validated


def test_an_invalid_brief_leaves_no_mark_and_is_refused_every_time(counted, tmp_path,
                                                                   monkeypatch):
    brief = make_project(tmp_path / "p")
    brief.write_text(brief.read_text("utf-8") + "\ncampo_que_no_existe: 1\n", "utf-8")
    for _ in range(2):
        monkeypatch.setattr(loader, "_READ", {})
        with pytest.raises(SectorialError, match="campo desconocido 'campo_que_no_existe'"):
            loader.load_brief(brief)
    assert len(counted) == 2
    assert not (tmp_path / "cache" / "validos").exists()


def test_two_links_to_one_brief_read_their_data_from_their_own_folder(tmp_path,
                                                                      monkeypatch):
    """The brief read once is kept by the path as written: a link to it elsewhere is
    another brief, whose data paths start from where the link is."""
    monkeypatch.setattr(loader, "_READ", {})
    brief = make_project(tmp_path / "p")
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "c").mkdir(parents=True)
    near, far = tmp_path / "a" / "mini.yaml", tmp_path / "b" / "c" / "mini.yaml"
    near.symlink_to(brief)
    far.symlink_to(brief)
    first, second = loader.load_brief(near), loader.load_brief(far)
    paths = [next(iter(b.sources.values())).path for b in (first, second)]
    assert paths[0].parent.parent != paths[1].parent.parent
    assert str(paths[0]).startswith(str(near.parent)) and str(paths[1]).startswith(
        str(far.parent))
