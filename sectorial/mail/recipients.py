"""Distribution lists: who receives a brief, read and checked before anything is sent.

A list is a CSV or Excel file with the columns ``nombre``, ``correo`` and ``cargo`` (or
their usual other names: ``email``, ``E-mail``, ``correo electrónico``…), and
optionally ``cc`` (copies, separated by ``;``), ``tratamiento`` (Sr., Sra., Dr.…) and,
for a brief with ``por_cada``, the same column (``region``) that says which document
each person receives. It is read by the same loader as the data (encodings, Excel, row
numbers in errors).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sectorial.data.spec import ROW, SourceSpec
from sectorial.errors import DataError, Location, SectorialError, raise_all, unknown_key_hint
from sectorial.lang.phrases import slug
from sectorial.mail.address import AddressError, check_address, clean_header

REQUIRED = ("nombre", "correo", "cargo")
OPTIONAL = ("cc", "tratamiento")
ALIASES = {  # the other names these columns have in the lists people keep
    "correo": ("email", "e-mail", "mail", "correo electrónico", "correo_electronico"),
    "nombre": ("nombres", "nombre completo", "nombres y apellidos"),
    "cargo": ("puesto",),
    "cc": ("copia", "copias", "con copia"),
}


@dataclass(frozen=True)
class Recipient:
    """One row of a distribution list."""

    name: str
    email: str
    position: str
    cc: tuple[str, ...] = ()
    title: str = ""  # "Sra.", "Dr."…
    value: str = ""  # the por_cada value (region) this person receives; "" for any brief
    row: int = 0

    def for_template(self) -> dict[str, str]:
        """What the letter's templates read as ``destinatario``."""
        return {"nombre": self.name, "correo": self.email, "cargo": self.position,
                "tratamiento": self.title, "region": self.value}


def load_recipients(path: Path, column: str | None = None,
                    values: list[str] | None = None) -> list[Recipient]:
    """Read and check a list; ``column`` is the brief's ``por_cada`` column and ``values``
    the values the data has. Every problem is reported at once, naming its row."""
    from sectorial.pipeline import cached_table

    columns = {name: "texto" for name in (*REQUIRED, *OPTIONAL)}
    if column:
        columns[column] = "texto"
    spec = SourceSpec(key="destinatarios", path=path, origin="", columns=columns,
                      optional=OPTIONAL, figures=False,  # a list of people: its own checks
                      aliases=ALIASES)
    reading = _ListReading(str(path), column, values)
    found = [reading.person(record) for record in cached_table(spec).records()]
    if not found and not reading.errors:
        reading.errors.append(DataError("la lista de destinatarios no tiene filas",
                                        Location(str(path)),
                                        "agregue una fila por persona: nombre, correo, cargo"))
    raise_all(reading.errors)
    return found


class _ListReading:
    """One list being read: its problems, and the addresses already seen (by document)."""

    def __init__(self, where: str, column: str | None, values: list[str] | None):
        self.where, self.column, self.values = where, column, values
        self.errors: list[SectorialError] = []
        self.seen: dict[tuple[str, str], int] = {}
        self.by_slug = {slug(v): v for v in values or []}
        self.row = 0

    def error(self, message: str, field: str, hint: str) -> None:
        self.errors.append(DataError(message, Location(self.where, row=self.row, column=field),
                                     hint))

    def person(self, record: dict) -> Recipient:
        self.row = int(record[ROW])
        name = clean_header(record["nombre"])
        if not name:
            self.error("falta el nombre", "nombre", "escriba el nombre de la persona")
        try:
            email = check_address(record["correo"])
        except AddressError as exc:
            self.error(f"correo no válido: {exc}", "correo", "corrija la dirección en la lista")
            email = ""
        value = self.value(record)
        if email:
            key = (value, email.lower())
            if key in self.seen:
                self.error(f"'{email}' ya está en la fila {self.seen[key]}"
                           + (f" para {value}" if value else ""), "correo",
                           "deje una sola fila por persona: cada fila recibe un correo")
            self.seen.setdefault(key, self.row)
        return Recipient(name, email, clean_header(record["cargo"]), self.copies(record),
                         clean_header(record["tratamiento"]), value, self.row)

    def copies(self, record: dict) -> tuple[str, ...]:
        cc: list[str] = []
        for part in str(record["cc"]).replace(",", ";").split(";"):
            if part.strip():
                try:
                    cc.append(check_address(part))
                except AddressError as exc:
                    self.error(f"copia no válida: {exc}", "cc",
                               "escriba las direcciones de copia separadas por ';'")
        return tuple(cc)

    def value(self, record: dict) -> str:
        """The ``por_cada`` value this person receives, as the data write it."""
        column = self.column
        if not column:
            return ""
        written = clean_header(record[column])
        value = self.by_slug.get(slug(written), "") if written else ""
        if not written:
            self.error(f"falta la {column}: en un informe que se reparte por '{column}' cada "
                       f"persona recibe el documento de su {column}", column,
                       f"escriba el valor de '{column}' tal como está en los datos")
        elif not value and self.values is not None:
            self.error(f"no hay '{written}' en los datos del informe", column,
                       unknown_key_hint(written, list(self.by_slug.values())))
        return value
