"""mkdocs hook: the reference pages, generated from the code as the site is built
(``sectorial/app/docs.py``); nothing generated is committed."""

from __future__ import annotations

from mkdocs.structure.files import File, Files


def on_files(files: Files, config) -> Files:  # noqa: ANN001 (mkdocs' config object)
    from sectorial.app.docs import pages

    for path, content in pages().items():
        files.append(File.generated(config, path, content=content))
    return files
