"""The tagged PDF, with pikepdf: the structure tree that the page drawer made (``tags``)
written into the file, with what PDF/UA-1 asks of the document around it.

The catalog gets the ``StructTreeRoot`` (the tree, the parent tree from each page's
marked content back to its element), ``/MarkInfo``, the language and ``DisplayDocTitle``;
each page its ``/StructParents`` and the tab order of its structure; each font a Unicode
map without the entries that map to nothing (reportlab maps the codes it leaves unused to
U+0000, which PDF/UA forbids). ``declare`` adds the PDF/UA identification (and the PDF/A
level A) to the XMP, with the extension schema PDF/A requires for it.
"""

from __future__ import annotations

import re

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from sectorial.errors import RenderError
from sectorial.render.pdf.tags import Mark, Node

CELLS = ("TH", "TD")  # kept even when empty: a table's rows keep their columns
PAINTING = frozenset({"Tj", "TJ", "'", '"', "f", "F", "f*", "S", "s", "B", "B*", "b", "b*",
                      "Do", "sh", "INLINE IMAGE"})


def write_structure(pdf: pikepdf.Pdf, root: Node, language: str) -> None:
    """Write the tree from ``root`` (the ``Document`` element) into ``pdf``."""
    pages = list(pdf.pages)
    owners: dict[int, dict[int, pikepdf.Object]] = {}  # page -> mcid -> element
    tree = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))

    def element(node: Node, parent: pikepdf.Object) -> pikepdf.Object:
        made = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + str(node.role)),
                                            P=parent))
        kids = []
        for kid in node.flat():
            if isinstance(kid, Mark):
                owners.setdefault(kid.page, {})[kid.mcid] = made
                page = pages[kid.page].obj
                if "/Pg" not in made:
                    made.Pg = page
                kids.append(kid.mcid if made.Pg.objgen == page.objgen else
                            Dictionary(Type=Name.MCR, Pg=page, MCID=kid.mcid))
            elif kid.marked() or kid.role in CELLS:
                kids.append(element(kid, made))
        made.K = Array(kids)
        _attributes(made, node)
        return made

    tree.K = element(root, tree)
    numbers = []
    for index, page in enumerate(pages):
        page.obj.Tabs = Name.S
        found = owners.get(index)
        if not found:
            continue
        if sorted(found) != list(range(len(found))):
            raise RenderError(f"la página {index + 1} del PDF tiene marcas sin elemento",
                              hint="informe este problema (es un defecto de sectorial)")
        page.obj.StructParents = len(numbers) // 2
        numbers += [len(numbers) // 2, Array([found[m] for m in range(len(found))])]
    tree.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(numbers)))
    tree.ParentTreeNextKey = len(numbers) // 2
    root_dict = pdf.Root
    root_dict.StructTreeRoot = tree
    root_dict.MarkInfo = Dictionary(Marked=True)
    root_dict.Lang = String(language)
    root_dict.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    _unicode_maps(pdf)


def _attributes(made: pikepdf.Object, node: Node) -> None:
    if node.role == "Figure":
        made.Alt = String(node.alt)
        attributes = Dictionary(O=Name.Layout, Placement=Name.Block)
        if node.bbox is not None:
            attributes.BBox = Array([round(v, 2) for v in node.bbox])
        made.A = attributes
    elif node.role == "TH":
        attributes = Dictionary(O=Name.Table, Scope=Name("/" + (node.scope or "Column")))
        if node.colspan > 1:
            attributes.ColSpan = node.colspan
        made.A = attributes
    elif node.role == "TD" and node.colspan > 1:
        made.A = Dictionary(O=Name.Table, ColSpan=node.colspan)
    elif node.role == "L":
        made.A = Dictionary(O=Name.List, ListNumbering=Name.Disc)


_BFCHAR = re.compile(rb"(\d+) beginbfchar\n(.*?)endbfchar\n", re.S)
_NOTHING = re.compile(rb"<[0-9A-Fa-f]+> <(?:0000|FEFF|FFFE)>\n", re.I)


def _unicode_maps(pdf: pikepdf.Pdf) -> None:
    """Drop from each font's ToUnicode map the codes mapped to nothing (U+0000)."""
    done: set[tuple[int, int]] = set()
    for page in pdf.pages:
        for _, font in (page.Resources.get("/Font") or {}).items():
            cmap = font.get("/ToUnicode")
            if cmap is None or cmap.objgen in done:
                continue
            done.add(cmap.objgen)
            data = cmap.read_bytes()

            def kept(match: re.Match[bytes]) -> bytes:
                entries = _NOTHING.sub(b"", match.group(2))
                count = entries.count(b"\n")
                return b"%d beginbfchar\n%sendbfchar\n" % (count, entries) if count else b""

            fixed = _BFCHAR.sub(kept, data)
            if fixed != data:
                cmap.write(fixed)


_WATCHED = " ".join(["BDC", "BMC", "EMC", *sorted(PAINTING - {"INLINE IMAGE"})])
_INLINE = re.compile(rb"BI")  # any, even inside a text: a false alarm costs a full parse


def _contents(page: pikepdf.Page) -> list[pikepdf.Stream]:
    contents = page.obj.get("/Contents")
    if contents is None:
        return []
    return list(contents) if isinstance(contents, pikepdf.Array) else [contents]


def untagged_paint(pdf: pikepdf.Pdf) -> list[str]:
    """Where a page paints outside marked content (neither tagged nor an artifact): what
    PDF/UA forbids, named by page and operator; empty when every mark is in place."""
    found = []
    for number, page in enumerate(pdf.pages, start=1):
        depth = 0
        # the operators that matter, parsed alone (six times faster); all of them where
        # the page may hold an inline image, which a filter cannot name
        inline = _INLINE.search(b"".join(s.read_bytes() for s in _contents(page)))
        for _, operator in pikepdf.parse_content_stream(page, "" if inline else _WATCHED):
            name = str(operator)
            if name in ("BDC", "BMC"):
                depth += 1
                if depth > 1:
                    found.append(f"página {number}: un contenido marcado dentro de otro")
                    break
            elif name == "EMC":
                depth -= 1
            elif name in PAINTING and depth <= 0:
                found.append(f"página {number}: '{name}' fuera de la estructura")
                break
    return found


UA_SCHEMA = """<rdf:Description rdf:about=""
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>{described}</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
""".format(described="Indicates, which part of ISO 14289 standard is followed")


def declare(pdf: pikepdf.Pdf, level: str) -> None:
    """Declare PDF/UA-1 in the XMP and, with ``level`` "A", PDF/A conformance level A."""
    stream = pdf.Root.Metadata
    packet = stream.read_bytes().decode("utf-8")
    if level == "A":
        packet, changed = re.subn(r"<pdfaid:conformance>B</pdfaid:conformance>",
                                  "<pdfaid:conformance>A</pdfaid:conformance>", packet)
        packet, attribute = re.subn(r'pdfaid:conformance="B"', 'pdfaid:conformance="A"',
                                    packet)
        if not changed + attribute:
            raise RenderError("no se pudo declarar el nivel A de PDF/A en los metadatos",
                              hint="informe este problema (es un defecto de sectorial)")
    packet = packet.replace("</rdf:RDF>", UA_SCHEMA + "</rdf:RDF>", 1)
    stream.write(packet.encode("utf-8"))


UA_NS = "http://www.aiim.org/pdfua/ns/id/"
UA_PART = f"{{{UA_NS}}}part"
EXTENSION = "{http://www.aiim.org/pdfa/ns/extension/}schemas"


def undeclare(pdf: pikepdf.Pdf) -> None:
    """Undo ``declare``: the XMP as a checker of PDF/A level B expects it."""
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        for key in (UA_PART, EXTENSION):
            if key in xmp:
                del xmp[key]
        if xmp.get("pdfaid:conformance") == "A":
            xmp["pdfaid:conformance"] = "B"


def tagging_problems(pdf: pikepdf.Pdf) -> list[str]:
    """What keeps ``pdf`` from being the tagged PDF that level A declares: a structure
    tree, the mark of a tagged file, and no paint outside the structure."""
    found = []
    if "/StructTreeRoot" not in pdf.Root:
        found.append("no tiene árbol de estructura (no está etiquetado)")
    if not bool((pdf.Root.get("/MarkInfo") or {}).get("/Marked", False)):
        found.append("no se declara etiquetado (/MarkInfo)")
    return found + untagged_paint(pdf)


_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_SCHEMA = "{http://www.aiim.org/pdfa/ns/schema#}"
_PROPERTY = "{http://www.aiim.org/pdfa/ns/property#}"


def declaration_problems(pdf: pikepdf.Pdf) -> list[str]:
    """What is wrong with the PDF/UA declaration in the XMP (which pikepdf's checker does
    not read): ``pdfuaid:part`` must be 1, and PDF/A asks for the extension schema that
    describes it (namespace, prefix, the property ``part`` as an internal Integer)."""
    import xml.etree.ElementTree as ElementTree

    try:
        root = ElementTree.fromstring(pdf.Root.Metadata.read_bytes())
    except (ElementTree.ParseError, AttributeError, KeyError) as exc:
        return [f"los metadatos XMP no se pueden leer ({exc})"]
    parts = [e.text for e in root.iter(UA_PART)]
    found = [] if parts == ["1"] else [f"declara PDF/UA parte {parts or 'ninguna'} (debe ser 1)"]
    for schema in root.iter(f"{_RDF}li"):
        if (schema.findtext(f"{_SCHEMA}namespaceURI") == UA_NS
                and schema.findtext(f"{_SCHEMA}prefix") == "pdfuaid"):
            described = {(p.findtext(f"{_PROPERTY}name"), p.findtext(f"{_PROPERTY}valueType"),
                          p.findtext(f"{_PROPERTY}category"))
                         for p in schema.iter(f"{_RDF}li")}
            if ("part", "Integer", "internal") in described:
                return found
    return [*found, "falta el esquema de extensión XMP que describe pdfuaid:part"]


def no_trailing_cr(pdf: pikepdf.Pdf) -> None:
    """Rewrite each stream whose data ends in a carriage return: before ``endstream`` the
    file has an end of line, and a CR there reads as part of it (CR LF), so a validator
    finds the stream a byte shorter than its /Length (veraPDF's and page's rule of PDF/A
    6.1.7.1). Called last, before saving: the streams not yet compressed are compressed
    here, not by the writer. Compressed data ends in the checksum of what it holds: so
    what it holds gets one byte more that changes nothing, a space after a page's
    operators (or a map's), a zero after a font's tables (its /Length1 with it) or an
    image's samples."""
    import zlib

    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream) or obj.get("/Type") == Name.Metadata:
            continue  # XMP stays plain text, as PDF/A wants it
        if "/Filter" not in obj:  # what the writer would compress, compressed here first
            obj.write(zlib.compress(obj.read_bytes()), filter=Name.FlateDecode)
        raw = obj.read_raw_bytes()
        if not raw.endswith(b"\r"):
            continue
        if obj.get("/Filter") != Name.FlateDecode:  # a JPEG, say: data after its end marker
            obj.write(raw + b"\0", filter=obj.get("/Filter"),  # is ignored by its readers
                      decode_parms=obj.get("/DecodeParms"))
            continue
        data = obj.read_bytes()
        binary = "/Length1" in obj or "/N" in obj or obj.get("/Subtype") == Name.Image
        for _ in range(8):  # each byte more: a 1 in 256 chance of a CR again
            data += b"\0" if binary else b" "
            packed = zlib.compress(data)
            if not packed.endswith(b"\r"):
                break
        obj.write(packed, filter=Name.FlateDecode)
        if "/Length1" in obj and "/Length2" not in obj:  # a TrueType font: its length
            obj.Length1 = len(data)
