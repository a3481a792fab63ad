"""The parts of ``send`` one by one: settings, addresses, lists, messages, log, pacing."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest

from sectorial.errors import SectorialError
from sectorial.mail.address import AddressError, check_address, clean_header, parse_mailbox
from sectorial.mail.letter import Letter
from sectorial.mail.log import SENDING, UNKNOWN, Entry, SendLog
from sectorial.mail.message import Attachment, build_message, encoded
from sectorial.mail.recipients import Recipient, load_recipients
from sectorial.mail.send import Pacer
from sectorial.mail.settings import load_settings

GOOD = """[smtp]
host = "smtp.example.org"
user = "oee@example.org"
from = "Oficina de Estudios Económicos <oee@example.org>"
"""


def write(tmp_path: Path, text: str, name: str = "sectorial.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- settings ---------------------------------------------------------------------------------
def test_settings_from_the_file_with_environment_on_top(tmp_path):
    path = write(tmp_path, GOOD)
    env = {"SECTORIAL_SMTP_PASSWORD": "x1", "SECTORIAL_SMTP_PORT": "2525",
           "SECTORIAL_SMTP_HOST": "correo.example.org", "SECTORIAL_SMTP_SECURITY": "ssl",
           "SECTORIAL_SMTP_FROM": "OEE <otra@example.org>", "SECTORIAL_SMTP_USER": "u2"}
    s = load_settings(path, env)
    assert (s.host, s.port, s.security, s.user, s.password) == (
        "correo.example.org", 2525, "ssl", "u2", "x1")
    assert s.sender == ("OEE", "otra@example.org")
    defaults = load_settings(path, {"SECTORIAL_SMTP_PASSWORD": "x1"})
    assert (defaults.port, defaults.security, defaults.max_bytes, defaults.per_minute) == (
        587, "starttls", 10 * 1024 * 1024, 30.0)
    assert "x1" not in repr(s) and "x1" not in str(s)


def test_a_password_in_the_file_is_refused(tmp_path):
    path = write(tmp_path, GOOD + 'password = "abc123"\n')
    with pytest.raises(SectorialError) as caught:
        load_settings(path, {})
    text = str(caught.value)
    assert "campo 'smtp.password': la contraseña no puede estar en el archivo" in text
    assert "SECTORIAL_SMTP_PASSWORD" in text and "abc123" not in text
    outside = write(tmp_path, 'password = "abc123"\n' + GOOD, "fuera.toml")
    with pytest.raises(SectorialError) as caught:
        load_settings(outside, {})
    assert str(caught.value).count("la contraseña no puede estar") == 1  # said once


def test_unencrypted_is_only_for_a_local_server(tmp_path):
    path = write(tmp_path, GOOD.replace('user = "oee@example.org"\n', "")
                 + 'security = "none"\n')
    with pytest.raises(SectorialError, match="solo se permite con un servidor local, no con "
                       "'smtp.example.org'"):
        load_settings(path, {})
    for host in ("127.0.0.1", "localhost", "::1", "127.0.0.53"):
        assert load_settings(path, {"SECTORIAL_SMTP_HOST": host}).security == "none"


def test_every_settings_problem_is_reported_at_once(tmp_path):
    path = write(tmp_path, '[smtp]\nhots = "x"\nport = "abc"\nsecurity = "tls"\n'
                 'from = "no es correo"\n[send]\nper_minute = 0\n')
    with pytest.raises(SectorialError) as caught:
        load_settings(path, {})
    text = str(caught.value)
    for expected in ("clave desconocida 'hots'", "¿quiso decir 'host'?",
                     "puerto no válido 'abc'", "seguridad no válida 'tls'",
                     "remitente no válido", "falta el servidor de correo",
                     "campo 'send.per_minute': valor no válido '0'"):
        assert expected in text


def test_a_user_without_password_says_which_variable(tmp_path):
    with pytest.raises(SectorialError, match="variable SECTORIAL_SMTP_PASSWORD: falta la "
                       "contraseña del usuario 'oee@example.org'"):
        load_settings(write(tmp_path, GOOD), {})


def test_a_dry_run_needs_only_the_sender(tmp_path):
    path = write(tmp_path, '[smtp]\nfrom = "oee@example.org"\n')
    assert load_settings(path, {}, need_server=False).sender == ("", "oee@example.org")
    with pytest.raises(SectorialError, match="falta el remitente"):
        load_settings(write(tmp_path, "", "vacio.toml"), {}, need_server=False)


def test_broken_toml_and_missing_file(tmp_path):
    with pytest.raises(SectorialError, match="sectorial.toml: el archivo de configuración no "
                       "se puede leer"):
        load_settings(write(tmp_path, "[smtp\nhost = 1"), {})
    with pytest.raises(SectorialError, match="no existe el archivo de configuración"):
        load_settings(tmp_path / "otro.toml", {})


# -- addresses --------------------------------------------------------------------------------
@pytest.mark.parametrize("text, reason", [
    ("", "vacía"), ("ana quispe@example.org", "espacios"), ("ana@@example.org", "una sola @"),
    ("ana.example.org", "una sola @"), ("a@x.org;b@x.org", "varias direcciones"),
    ("josé@example.org", "tilde o ñ"), ("ana..q@example.org", "puntos seguidos"),
    ("ana@example", "dominio"), ("ana@-example.org", "dominio"),
    ("ana@example.c0m", "no existe"), ("@example.org", "nombre de usuario"),
])
def test_bad_addresses_say_why(text, reason):
    with pytest.raises(AddressError, match=reason):
        check_address(text)


def test_header_text_loses_line_breaks_and_controls():
    assert clean_header("A\r\nBcc: x@example.org\x00\u2028B") == "A Bcc: x@example.org B"
    assert parse_mailbox("Ofi\r\nBcc: x@y.org <oee@example.org>") == (
        "Ofi Bcc: x@y.org", "oee@example.org")


def test_the_message_carries_no_injected_header():
    person = Recipient("Ana\r\nBcc: x@example.org", "ana@example.org", "Directora",
                       cc=("c@example.org",))
    letter = Letter("Informe\r\nBcc: y@example.org\nX-Otro: 1", "Hola\r\n.\r\nfin\n")
    data = encoded(build_message(letter, ("OEE\nBcc: z@example.org", "oee@example.org"),
                                 person, [Attachment("a.pdf", b"%PDF-1.7")], "<1@example.org>"))
    message = message_from_bytes(data, policy=default)
    assert message["Bcc"] is None and message["X-Otro"] is None
    assert message["Subject"] == "Informe Bcc: y@example.org X-Otro: 1"
    assert message["To"].addresses[0].display_name == "Ana Bcc: x@example.org"
    assert message["To"].addresses[0].addr_spec == "ana@example.org"
    [pdf] = list(message.iter_attachments())
    assert pdf.get_content_type() == "application/pdf" and pdf.get_content() == b"%PDF-1.7"
    assert all(line.endswith(b"\r") or not line for line in data.split(b"\n")[:-1])


# -- distribution lists -----------------------------------------------------------------------
def test_a_windows_1252_list_keeps_its_accents(tmp_path):
    path = tmp_path / "lista.csv"
    path.write_bytes("nombre,correo,cargo\nMar\u00eda Apur\u00edmac,m@example.org,Jefa\n"
                     .encode("cp1252"))
    [person] = load_recipients(path)
    assert person.name == "María Apurímac" and person.cc == () and person.title == ""


def test_list_problems_are_reported_together_with_rows(tmp_path):
    path = tmp_path / "lista.csv"
    path.write_text("nombre,correo,cargo,cc\n"
                    "Ana,ana@example.org,Jefa,\n"
                    ",beto@example.org,Analista,\n"
                    "Ana B,ANA@example.org,Jefa,\n"
                    "Eva,eva@example.org,Jefa,c1@example.org; mal@\n", encoding="utf-8")
    with pytest.raises(SectorialError) as caught:
        load_recipients(path)
    text = str(caught.value)
    assert "fila 3, columna 'nombre': falta el nombre" in text
    assert "fila 4, columna 'correo': 'ANA@example.org' ya está en la fila 2" in text
    assert "fila 5, columna 'cc': copia no válida" in text


@pytest.mark.parametrize("header", ["nombre,email,cargo", "Nombre,E-mail,Cargo",
                                    "Nombres,Correo electrónico,Puesto",
                                    "NOMBRE,CORREO ELECTRONICO,CARGO"])
def test_a_list_may_name_its_columns_the_usual_ways(tmp_path, header):
    path = tmp_path / "lista.csv"
    path.write_text(f"{header}\nAna Quispe,ana@example.org,Jefa\n", encoding="utf-8")
    [person] = load_recipients(path)
    assert (person.name, person.email, person.position) == (
        "Ana Quispe", "ana@example.org", "Jefa")


def test_a_list_without_its_columns_lists_its_own(tmp_path):
    path = tmp_path / "lista.csv"
    path.write_text("nombre,direccion,cargo\nAna,ana@example.org,Jefa\n", encoding="utf-8")
    with pytest.raises(SectorialError) as caught:
        load_recipients(path)
    text = str(caught.value)
    assert "columna 'correo': falta la columna 'correo'" in text
    assert "las columnas del archivo son: 'nombre', 'direccion', 'cargo'" in text
    assert "'correo' también puede llamarse 'email', 'e-mail'" in text
    assert "campos válidos" not in text
    two = tmp_path / "dos.csv"
    two.write_text("nombre,email,e-mail,cargo\nAna,a@example.org,b@example.org,Jefa\n",
                   encoding="utf-8")
    with pytest.raises(SectorialError, match="hay 2 columnas que pueden ser 'correo': "
                                             "'email', 'e-mail'"):
        load_recipients(two)
    with pytest.raises(SectorialError, match="no existe el archivo de datos"):
        load_recipients(tmp_path / "no.csv")


# -- the log and the pace ---------------------------------------------------------------------
def test_a_send_cut_by_a_crash_becomes_unknown(tmp_path):
    entry = Entry("vraem-2024", "2024", "", "ana@example.org", "Ana", SENDING, "t", "<1@x>",
                  "", 1, "abc", "vraem-2024.docx")
    with SendLog.open(tmp_path) as log:
        log.record(entry)
    with SendLog.open(tmp_path) as log:  # the next run
        [found] = log.interrupted()
        assert found.email == "ana@example.org"
        after = log.entry("vraem-2024", "2024", "", "ana@example.org")
        assert after is not None and after.status == UNKNOWN
        assert log.interrupted() == []


def test_the_pacer_spaces_messages():
    clock = [0.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        clock[0] += seconds

    pacer = Pacer(30, clock=lambda: clock[0], sleep=sleep)
    for _ in range(3):
        pacer.wait()
        clock[0] += 0.5  # the message takes half a second
    assert waits == [1.5, 1.5]  # 30 a minute: one every 2 s
