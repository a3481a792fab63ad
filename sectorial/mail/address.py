"""Email addresses and header text: checked before anything is sent.

Addresses are held to what every mail server accepts (an ASCII local part, a domain of
letters, digits and hyphens, accented domains converted to their ``xn--`` form), so that
a typo stops the send with the row named instead of bouncing later. Text that goes into a
header loses every control and line-separator character first: a name or a title holding
"\\r\\nBcc: x@example.org" cannot add a header.
"""

from __future__ import annotations

import re
import unicodedata

_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
_MAILBOX = re.compile(r"^(.*?)\s*<([^<>]*)>$")
_TOP = re.compile(r"^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$")


class AddressError(ValueError):
    """An address that cannot be used; the message says why in Spanish."""


def check_address(text: str) -> str:
    """Return the address ready to use (lower-case domain, ``xn--`` if accented), or raise.

    >>> check_address("Ana.Quispe@Produce.gob.pe")
    'Ana.Quispe@produce.gob.pe'
    >>> check_address("ana@cañete.gob.pe")
    'ana@xn--caete-pta.gob.pe'
    """
    address = text.strip()
    if not address:
        raise AddressError("está vacía")
    if any(ch.isspace() for ch in address):
        raise AddressError(f"'{address}' tiene espacios")
    if address.count("@") != 1:
        if address.count("@") > 1 and ("," in address or ";" in address):
            raise AddressError(f"'{address}' parece tener varias direcciones; escriba una "
                               "por fila (las copias van en la columna cc)")
        raise AddressError(f"'{address}' debe tener una sola @")
    local, domain = address.split("@")
    if not local or len(local) > 64:
        raise AddressError(f"'{address}' no tiene nombre de usuario antes de la @")
    if not local.isascii():
        raise AddressError(f"'{address}': la parte antes de la @ tiene letras con tilde o ñ, "
                           "que muchos servidores no aceptan")
    if not _LOCAL.match(local):
        raise AddressError(f"'{address}': la parte antes de la @ tiene caracteres no "
                           "válidos o puntos seguidos")
    try:
        ascii_domain = domain.encode("idna").decode("ascii").lower()
    except UnicodeError as exc:
        raise AddressError(f"'{address}': el dominio después de la @ no es válido") from exc
    labels = ascii_domain.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        raise AddressError(f"'{address}': el dominio después de la @ no es válido "
                           "(debe ser como produce.gob.pe)")
    if not _TOP.match(labels[-1]):
        raise AddressError(f"'{address}': el dominio termina en '.{labels[-1]}', que no existe")
    if len(ascii_domain) > 253:
        raise AddressError(f"'{address}': el dominio es demasiado largo")
    return f"{local}@{ascii_domain}"


def parse_mailbox(text: str) -> tuple[str, str]:
    """Split "Nombre <correo@dominio>" (or a bare address) into a clean name and address.

    >>> parse_mailbox("Oficina de Estudios Económicos <oee@example.org>")
    ('Oficina de Estudios Económicos', 'oee@example.org')
    """
    text = clean_header(text)
    match = _MAILBOX.match(text)
    name, address = (match.group(1), match.group(2)) if match else ("", text)
    if "<" in address or ">" in address:
        raise AddressError(f"'{text}' no es una dirección: escriba Nombre <correo@dominio>")
    return clean_header(name.strip().strip('"')), check_address(address)


def clean_header(text: str) -> str:
    """Text safe for a header: control, format and line-separator characters become spaces,
    runs of spaces one space.

    >>> clean_header("Informe\\r\\nBcc: x@example.org")
    'Informe Bcc: x@example.org'
    """
    kept = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch
                   for ch in str(text))
    return " ".join(kept.split())
