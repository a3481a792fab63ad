"""Read YAML files keeping the line of every key, so that errors can name it."""

from __future__ import annotations

from pathlib import Path

import yaml

from sectorial.errors import Location, SectorialError
from sectorial.nesting import deepest


class LineDict(dict):
    """A mapping that remembers the line (1-based) of itself and of each of its keys."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """Return the line of ``key``, or of the mapping itself when the key is absent."""
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence that remembers its line and the line of each item."""

    line: int = 0
    item_lines: list[int]


class _Lines:
    """The constructors of both loaders: mappings and sequences that keep their lines."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int)):
                raise yaml.constructor.ConstructorError(
                    None, None, "clave no válida", key_node.start_mark
                )
            key = str(key)
            if key in mapping:
                raise yaml.constructor.ConstructorError(
                    None, None, f"la clave '{key}' está repetida", key_node.start_mark
                )
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
        items = LineList(self.construct_object(child, deep=True) for child in node.value)
        items.line = node.start_mark.line + 1
        items.item_lines = [child.start_mark.line + 1 for child in node.value]
        return items


class _Loader(_Lines, yaml.SafeLoader):
    """PyYAML's own parser, in Python: its messages name what is wrong."""


class _FastLoader(_Lines, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser, in C (a brief reads in a tenth of the time); a file it refuses is
    read again by ``_Loader``, whose messages the errors repeat."""


for _loader in (_Loader, _FastLoader):
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
                            _loader.construct_mapping)
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
                            _loader.construct_sequence)


MAX_NODES = 200_000
"""A brief, a style or a settings file expands to far fewer values; anchors and aliases
(``&a``, ``*a``) nested ten deep expand to billions, and reading them takes the memory."""


def _load(text: str, path: Path, error: type[SectorialError]) -> object:
    depth, line = deepest(text, "[{", "]}")
    if depth > MAX_DEPTH:  # [[[[…]]]] thousands deep: the composer recurses per level
        raise error(f"el archivo anida más de {MAX_DEPTH} listas o diccionarios ([ [ [ …)",
                    Location(str(path), line=line),
                    "escriba los valores sin tantos corchetes o llaves")
    try:
        return _parsed(_FastLoader, text, path, error)
    except yaml.YAMLError:
        return _parsed(_Loader, text, path, error)  # the same refusal, in PyYAML's words


def _parsed(kind: type, text: str, path: Path, error: type[SectorialError]) -> object:
    loader = kind(text)  # derives from SafeLoader
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        size = _expanded(node, {}, 0)
        if size > MAX_NODES:
            limit = f"{MAX_NODES:,}".replace(",", " ")
            raise error(f"el archivo usa anclas y alias (&, *) que se expanden a más de "
                        f"{limit} valores", Location(str(path)),
                        "escriba los valores sin alias, o con pocos")
        return loader.construct_document(node)
    finally:
        loader.dispose()


MAX_DEPTH = 100
"""Brackets inside brackets a YAML file may have (quoted or not): a brief's reach ten."""


def _expanded(node: yaml.Node, sizes: dict[int, int], depth: int) -> int:
    """How many values ``node`` stands for with every alias written out (capped)."""
    if id(node) in sizes:
        return sizes[id(node)]
    if depth > MAX_DEPTH:
        return MAX_NODES + 1  # nesting this deep is no brief
    sizes[id(node)] = MAX_NODES + 1  # a node that contains itself grows without end
    total = 1
    if isinstance(node, yaml.SequenceNode):
        children = node.value
    elif isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    else:
        children = []
    for child in children:
        total += _expanded(child, sizes, depth + 1)
        if total > MAX_NODES:
            break
    sizes[id(node)] = total
    return total


def load_yaml(path: Path, error: type[SectorialError],
              content: bytes | None = None) -> LineDict:
    """Load a YAML file whose top level is a mapping; raise ``error`` with file and line.
    ``content``: the file's bytes, already read (whose hash the caller keeps)."""
    if path.exists() and not path.is_file():  # a folder, a pipe: read forever or fail
        raise error("no es un archivo YAML: es una carpeta, una tubería o un dispositivo",
                    Location(str(path)), "indique la ruta de un archivo .yaml")
    try:
        text = (path.read_bytes() if content is None else content).decode("utf-8")
    except FileNotFoundError as exc:
        raise error(
            "no existe el archivo",
            Location(str(path)),
            "revise la ruta; las rutas relativas parten de la carpeta actual",
        ) from exc
    except UnicodeDecodeError as exc:
        raise error(
            "el archivo no está en UTF-8",
            Location(str(path)),
            "guárdelo con codificación UTF-8",
        ) from exc
    except OSError as exc:
        raise error(f"no se puede leer el archivo ({exc.strerror})", Location(str(path))) from exc
    try:
        data = _load(text, path, error)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = f" (columna {mark.column + 1})" if mark else ""
        problem = exc.problem or exc.context or "sintaxis no válida"
        raise error(
            f"error de sintaxis YAML{column}: {problem}",
            Location(str(path), line=line),
            "revise la sangría, los dos puntos y las comillas en esa línea",
        ) from exc
    except yaml.YAMLError as exc:
        raise error(f"error de sintaxis YAML: {exc}", Location(str(path))) from exc
    if not isinstance(data, LineDict):
        raise error(
            "el archivo debe ser un diccionario de campos (clave: valor)", Location(str(path))
        )
    return data
