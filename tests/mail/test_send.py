"""``sectorial send`` against a real SMTP server on 127.0.0.1 (aiosmtpd).

Each test builds the mini project, sends through the command line, and checks what the
server received: headers, decoded subject, attachment bytes, one message per recipient,
and what the send log says.
"""

from __future__ import annotations

import re
import sqlite3
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest
import trustme

from mini import BRIEF, make_project, make_regional_project
from sectorial.cli import main
from smtpserver import Server

RECIPIENTS = """nombre,correo,cargo,tratamiento,cc
Ana Quispe Huamán,ana@example.org,Directora de Estudios,Sra.,copia@example.org
Beto Ríos,beto@example.org,Analista,,
Carla Ñaupari,carla@example.org,Jefa de Oficina,Dra.,
"""
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PASSWORD = "secreto-de-prueba"


def mailing_brief(brief: str = BRIEF, attachments: str = "[docx]") -> str:
    return brief.replace("datos:\n", "envio:\n  destinatarios: ../data/destinatarios.csv\n"
                         f"  adjuntos: {attachments}\ndatos:\n", 1)


def settings(folder: Path, port: int, extra: str = "", security: str = "none",
             send: str = "") -> Path:
    path = folder / "sectorial.toml"
    path.write_text(f"""[smtp]
host = "127.0.0.1"
port = {port}
security = "{security}"
from = "Oficina de Estudios Económicos <estudios@example.org>"
timeout = 5
{extra}
[send]
per_minute = 100000
retries = 2
backoff_seconds = 0
{send}""", encoding="utf-8")
    return path


@pytest.fixture()
def project(tmp_path: Path) -> dict[str, Path]:
    brief = make_project(tmp_path, brief=mailing_brief())
    (tmp_path / "data" / "destinatarios.csv").write_text(RECIPIENTS, encoding="utf-8")
    return {"brief": brief, "out": tmp_path / "output", "root": tmp_path}


def send(project: dict[str, Path], config: Path, *extra: str) -> int:
    jobs = () if "--status" in extra else ("--jobs", "1")  # --status builds nothing
    return main(["send", str(project["brief"]), "--out", str(project["out"]),
                 "--config", str(config), *jobs, *extra])


def only_ana(project: dict[str, Path]) -> None:
    (project["root"] / "data" / "destinatarios.csv").write_text(
        "nombre,correo,cargo\nAna,ana@example.org,Directora\n", encoding="utf-8")


def body_of(message) -> str:
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")


def log_rows(out: Path) -> list[tuple]:
    with sqlite3.connect(out / "envios.sqlite") as db:
        return db.execute("SELECT correo, estado, intentos, message_id, error FROM envios "
                          "ORDER BY correo").fetchall()


def test_one_message_per_recipient_with_headers_and_the_built_docx(project, capsys):
    with Server() as smtp:
        assert send(project, settings(project["root"], smtp.port)) == 0
        received = smtp.handler.received
    assert len(received) == 3
    docx = (project["out"] / "mini-2024.docx").read_bytes()
    by_to = {r.message["To"].addresses[0].addr_spec: r for r in received}
    assert set(by_to) == {"ana@example.org", "beto@example.org", "carla@example.org"}
    ana = by_to["ana@example.org"]
    assert ana.recipients == ["ana@example.org", "copia@example.org"]
    assert ana.sender == "estudios@example.org"
    message = ana.message
    assert message["Subject"] == "Análisis Sectorial: Mini informe 2024"
    assert b"=?utf-8?" in ana.data.split(b"\r\n\r\n")[0]  # accents encoded, not raw
    assert ana.data.split(b"\r\n\r\n")[0].isascii()
    assert message["To"].addresses[0].display_name == "Ana Quispe Huamán"
    assert message["Cc"] == "copia@example.org"
    assert str(message["From"]) == "Oficina de Estudios Económicos <estudios@example.org>"
    assert message["Message-ID"].startswith("<") and message["Message-ID"].endswith(
        "@example.org>")
    assert len({r.message["Message-ID"] for r in received}) == 3
    assert message["Date"]
    body = body_of(message)
    assert body.startswith("Estimada Sra. Ana Quispe Huamán:")
    assert "180 empresas" in body  # the key-indicator box, from the data (120 + 60)
    assert "Mini informe 2024" in body
    assert body_of(by_to["beto@example.org"].message).startswith(
        "Estimado(a) Beto Ríos:")
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == DOCX
    assert attachment.get_filename() == "mini-2024.docx"
    assert attachment.get_content() == docx
    assert [row[:3] for row in log_rows(project["out"])] == [
        ("ana@example.org", "enviado", 1), ("beto@example.org", "enviado", 1),
        ("carla@example.org", "enviado", 1)]
    said = capsys.readouterr().out
    assert "resumen: 3 enviados" in said
    assert f"configuración: {project['root'] / 'sectorial.toml'}" in said
    with sqlite3.connect(project["out"] / "envios.sqlite") as db:  # in Lima's time, any server
        assert {t[-6:] for (t,) in db.execute("SELECT hora FROM envios")} == {"-05:00"}


def test_a_second_run_sends_nothing(project, capsys):
    with Server() as smtp:
        config = settings(project["root"], smtp.port)
        assert send(project, config) == 0
        capsys.readouterr()
        assert send(project, config) == 0
        assert len(smtp.handler.received) == 3
    out = capsys.readouterr().out
    assert out.count("ya enviado el ") == 3 and "resumen: 3 ya enviados" in out


def test_a_list_saved_again_with_other_letter_case_sends_nothing_again(project, capsys):
    with Server() as smtp:
        config = settings(project["root"], smtp.port)
        only_ana(project)
        assert send(project, config) == 0
        (project["root"] / "data" / "destinatarios.csv").write_text(
            "nombre,correo,cargo\nAna,Ana@Example.ORG,Directora\n", encoding="utf-8")
        capsys.readouterr()
        assert send(project, config) == 0
        assert len(smtp.handler.received) == 1
    assert "ya enviado el " in capsys.readouterr().out


def test_a_temporary_refusal_is_retried_and_delivered_once(project, capsys):
    only_ana(project)
    with Server() as smtp:
        smtp.handler.data_replies = ["451 4.3.0 Intente mas tarde"]
        assert send(project, settings(project["root"], smtp.port)) == 0
        assert len(smtp.handler.received) == 1
    [(email, status, attempts, _, _)] = log_rows(project["out"])
    assert (status, attempts) == ("enviado", 2)
    assert "reintento 1 de 2" in capsys.readouterr().out


def test_a_permanent_refusal_is_recorded_and_the_others_are_sent(project, capsys):
    with Server() as smtp:
        smtp.handler.rcpt_replies["beto@example.org"] = "550 5.1.1 Buzon inexistente"
        config = settings(project["root"], smtp.port)
        assert send(project, config) == 1
        assert sorted(r.recipients[0] for r in smtp.handler.received) == [
            "ana@example.org", "carla@example.org"]
        rows = {row[0]: row for row in log_rows(project["out"])}
        assert rows["beto@example.org"][1:3] == ("fallido", 1)  # not retried
        assert "550 5.1.1 Buzon inexistente" in rows["beto@example.org"][4]
        err = capsys.readouterr().err
        assert "beto@example.org" in err and "no se reintenta" in err
        # the address is fixed on the server side: a rerun sends only that one
        del smtp.handler.rcpt_replies["beto@example.org"]
        assert send(project, config) == 0
        assert sorted(r.recipients[0] for r in smtp.handler.received) == [
            "ana@example.org", "beto@example.org", "carla@example.org"]


def test_connection_lost_after_data_is_unknown_and_never_resent(project, capsys):
    only_ana(project)
    with Server() as smtp:
        smtp.handler.drop_after_data = 1
        config = settings(project["root"], smtp.port)
        assert send(project, config) == 1
        assert len(smtp.handler.received) == 1
        [(_, status, attempts, msg_id, error)] = log_rows(project["out"])
        assert (status, attempts) == ("desconocido", 1)
        assert "se cortó esperando la respuesta" in error
        capsys.readouterr()
        assert send(project, config) == 1  # still undecided
        assert len(smtp.handler.received) == 1  # no second copy
        assert "no se reenvía solo" in capsys.readouterr().err
        assert send(project, config, "--status") == 0
        status_out = capsys.readouterr().out
        assert "Por decidir" in status_out and "ana@example.org" in status_out
        assert msg_id in status_out
        # a person checked: it did not arrive; --resend sends it once more
        assert send(project, config, "--resend", "ana@example.org") == 0
        assert len(smtp.handler.received) == 2
    assert log_rows(project["out"])[0][1] == "enviado"


def test_mark_sent_closes_an_unknown_delivery(project, capsys):
    only_ana(project)
    with Server() as smtp:
        smtp.handler.drop_after_data = 1
        config = settings(project["root"], smtp.port)
        assert send(project, config) == 1
        assert send(project, config, "--mark-sent", "ANA@example.org") == 0
        assert send(project, config) == 0
        assert len(smtp.handler.received) == 1
    assert log_rows(project["out"])[0][1] == "confirmado"


def test_starttls_with_a_certificate_signed_by_a_test_authority(project, monkeypatch, capsys):
    authority = trustme.CA()
    server_context = __import__("ssl").create_default_context(
        __import__("ssl").Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(server_context)
    ca_file = project["root"] / "ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    monkeypatch.setenv("SECTORIAL_SMTP_USER", "oee")
    monkeypatch.setenv("SECTORIAL_SMTP_PASSWORD", PASSWORD)
    with Server(tls_context=server_context, require_starttls=True,
                auth_require_tls=True) as smtp:
        # the system's authorities do not know the test one: refused, nothing sent
        config = settings(project["root"], smtp.port, security="starttls")
        assert send(project, config) == 1
        err = capsys.readouterr().err
        assert "certificado de 127.0.0.1 no es válido" in err and "cafile" in err
        assert smtp.handler.received == []
        config = settings(project["root"], smtp.port, security="starttls",
                          extra='cafile = "ca.pem"')
        assert send(project, config) == 0
        assert len(smtp.handler.received) == 3
        assert smtp.handler.logins[-1] == ("oee", PASSWORD)
    captured = capsys.readouterr()
    assert PASSWORD not in captured.out + captured.err
    assert PASSWORD.encode() not in (project["out"] / "envios.sqlite").read_bytes()


def test_a_wrong_password_stops_the_send_without_printing_it(project, monkeypatch, capsys):
    monkeypatch.setenv("SECTORIAL_SMTP_USER", "oee")
    monkeypatch.setenv("SECTORIAL_SMTP_PASSWORD", "otra-clave-equivocada")
    with Server() as smtp:
        assert send(project, settings(project["root"], smtp.port)) == 1
        assert smtp.handler.received == []
    err = capsys.readouterr().err
    assert "rechazó el usuario o la contraseña" in err
    assert "otra-clave-equivocada" not in err


def test_header_injection_adds_no_header(project):
    (project["root"] / "data" / "destinatarios.csv").write_text(
        'nombre,correo,cargo\n"Ana\r\nBcc: x@example.org",ana@example.org,Directora\n',
        encoding="utf-8")
    brief = project["brief"].read_text("utf-8").replace(
        'titulo: "Mini informe {{ periodo }}"',
        'titulo: "Mini informe {{ periodo }}\\r\\nBcc: y@example.org"')
    project["brief"].write_text(brief, "utf-8")
    with Server() as smtp:
        assert send(project, settings(project["root"], smtp.port)) == 0
        [received] = smtp.handler.received
    assert received.recipients == ["ana@example.org"]
    message = received.message
    assert message["Bcc"] is None
    assert set(message.keys()) == {"From", "To", "Subject", "Date", "Message-ID", "X-Mailer",
                                   "MIME-Version", "Content-Type"}
    assert "\n" not in message["Subject"] and "\r" not in message["Subject"]
    assert message["Subject"].endswith("Mini informe 2024 Bcc: y@example.org")


def test_a_malformed_address_names_its_row_and_nothing_is_sent(project, capsys):
    (project["root"] / "data" / "destinatarios.csv").write_text(
        RECIPIENTS + "Dora,dora@@example.org,Analista,,\nEva,eva@example,Analista,,x@y\n",
        encoding="utf-8")
    with Server() as smtp:
        assert send(project, settings(project["root"], smtp.port)) == 1
        assert smtp.handler.received == []
    err = capsys.readouterr().err
    assert "destinatarios.csv, fila 5, columna 'correo': correo no válido" in err
    assert "una sola @" in err
    assert "fila 6, columna 'correo'" in err and "fila 6, columna 'cc'" in err
    assert not (project["out"] / "envios.sqlite").exists()


def test_a_brief_that_fails_to_build_is_never_sent(project, capsys):
    data = project["root"] / "data" / "empresas.csv"
    data.write_text(data.read_text("utf-8").replace("2024,Junín,60", "2024,Junín,n.d."),
                    encoding="utf-8")
    with Server() as smtp:
        assert send(project, settings(project["root"], smtp.port)) == 1
        assert smtp.handler.received == []
    err = capsys.readouterr().err
    assert "empresas.csv, fila 7, columna 'empresas'" in err
    assert "no se envía mini" in err


def test_the_size_limit_is_checked_on_the_encoded_message(project, capsys):
    assert main(["build", str(project["brief"]), "--out", str(project["out"])]) == 0
    docx = (project["out"] / "mini-2024.docx").stat().st_size
    limit = round(docx * 1.15 / 1048576, 3)  # the file fits; in base64 (+37%) it does not
    with Server() as smtp:
        config = settings(project["root"], smtp.port, send=f"max_mb = {limit}")
        assert send(project, config) == 1
        assert smtp.handler.received == []
    err = capsys.readouterr().err
    assert re.search(r"el mensaje pesa 0\.\d\d MB con los adjuntos codificados \(base64\); "
                     r"el máximo es 0\.\d\d MB", err)
    assert "suba send.max_mb" in err
    assert {row[1] for row in log_rows(project["out"])} == {"fallido"}


def test_an_unreachable_server_leaves_everything_pending(project, capsys):
    from smtpserver import free_port

    config = settings(project["root"], free_port())  # nothing listens there
    assert send(project, config) == 1
    err = capsys.readouterr().err
    assert "no se pudo conectar con 127.0.0.1" in err and "conexión rechazada" in err
    assert [row[1] for row in log_rows(project["out"])] == ["pendiente"]
    with Server() as smtp:  # later the server is back: a rerun sends all three
        assert send(project, settings(project["root"], smtp.port)) == 0
        assert len(smtp.handler.received) == 3


def test_dry_run_writes_messages_that_parse_and_sends_nothing(project, capsys):
    config = settings(project["root"], 1)  # no server needed
    assert send(project, config, "--dry-run") == 0
    outbox = project["out"] / "outbox" / "mini-2024"
    files = sorted(p.name for p in outbox.iterdir())
    assert files == ["ana@example.org.eml", "beto@example.org.eml", "carla@example.org.eml"]
    message = message_from_bytes((outbox / "ana@example.org.eml").read_bytes(), policy=default)
    assert message["Subject"] == "Análisis Sectorial: Mini informe 2024"
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content() == (project["out"] / "mini-2024.docx").read_bytes()
    assert not (project["out"] / "envios.sqlite").exists()
    assert "3 mensajes escritos" in capsys.readouterr().out


def test_another_list_with_to(project, tmp_path):
    other = tmp_path / "otra.csv"
    other.write_text("nombre,correo,cargo\nZoe,zoe@example.org,Ministra\n", encoding="utf-8")
    with Server() as smtp:
        assert send(project, settings(project["root"], smtp.port), "--to", str(other)) == 0
        assert [r.recipients for r in smtp.handler.received] == [["zoe@example.org"]]


def test_each_region_receives_its_own_document(tmp_path, capsys):
    from mini import REGIONAL_BRIEF

    brief = make_regional_project(tmp_path)
    brief.write_text(mailing_brief(REGIONAL_BRIEF), "utf-8")
    (tmp_path / "data" / "destinatarios.csv").write_text(
        "region,nombre,correo,cargo\n"
        "Apurímac,Ana,ana@example.org,Directora\n"
        "la libertad,Luis,luis@example.org,Director\n"
        "La Libertad,Lía,lia@example.org,Analista\n", encoding="utf-8")
    project = {"brief": brief, "out": tmp_path / "output", "root": tmp_path}
    with Server() as smtp:
        assert send(project, settings(tmp_path, smtp.port), "--period", "2025-09") == 0
        got = {r.recipients[0]: next(r.message.iter_attachments()).get_filename()
               for r in smtp.handler.received}
    assert got == {"ana@example.org": "regional-apurimac-2025-09.docx",
                   "luis@example.org": "regional-la-libertad-2025-09.docx",
                   "lia@example.org": "regional-la-libertad-2025-09.docx"}
    subjects = {r.message["Subject"] for r in smtp.handler.received}
    assert subjects == {"Análisis Regional: Exportaciones de Apurímac, setiembre 2025",
                        "Análisis Regional: Exportaciones de La Libertad, setiembre 2025"}
    # Madre de Dios has nobody on the list: not built, said out loud
    assert not (tmp_path / "output" / "regional-madre-de-dios-2025-09.docx").exists()
    # The log of one region only, named as the data writes it or not
    capsys.readouterr()
    config = tmp_path / "sectorial.toml"
    assert send(project, config, "--period", "2025-09", "--status", "--region",
                "LA LIBERTAD") == 0
    listed = capsys.readouterr().out
    assert "luis@example.org" in listed and "lia@example.org" in listed
    assert "ana@example.org" not in listed and "total: 2 enviado" in listed
    # Two choices must both hold: no document is of two regions
    assert send(project, config, "--period", "2025-09", "--status", "--region",
                "La Libertad", "--only", "grupo=Apurímac") == 0
    assert "no hay envíos registrados" in capsys.readouterr().out


def test_a_region_the_data_does_not_have_is_refused_with_a_suggestion(tmp_path, capsys):
    from mini import REGIONAL_BRIEF

    brief = make_regional_project(tmp_path)
    brief.write_text(mailing_brief(REGIONAL_BRIEF), "utf-8")
    (tmp_path / "data" / "destinatarios.csv").write_text(
        "region,nombre,correo,cargo\nApurimak,Ana,ana@example.org,Directora\n"
        ",Luis,luis@example.org,Director\n", encoding="utf-8")
    project = {"brief": brief, "out": tmp_path / "output", "root": tmp_path}
    with Server() as smtp:
        assert send(project, settings(tmp_path, smtp.port)) == 1
        assert smtp.handler.received == []
    err = capsys.readouterr().err
    assert "fila 2, columna 'region': no hay 'Apurimak' en los datos" in err
    assert "¿quiso decir 'Apurímac'?" in err
    assert "fila 3, columna 'region': falta la region" in err


def test_a_brief_without_a_list_says_how_to_give_one(tmp_path, capsys):
    brief = make_project(tmp_path)
    with Server() as smtp:
        code = main(["send", str(brief), "--out", str(tmp_path / "o"), "--config",
                     str(settings(tmp_path, smtp.port))])
    assert code == 1
    err = capsys.readouterr().err
    assert "campo 'envio.destinatarios': el informe no dice a quién enviarlo" in err
    assert "--to lista.csv" in err


def test_status_without_sends(project, capsys):
    assert send(project, settings(project["root"], 1), "--status") == 0
    assert "no hay envíos registrados" in capsys.readouterr().out


def test_vraem_dry_run_states_the_key_figures_of_the_seed(root, tmp_path):
    out = tmp_path / "output"
    config = settings(tmp_path, 1)
    assert main(["send", str(root / "briefs" / "vraem-2024.yaml"), "--period", "2024",
                 "--dry-run", "--out", str(out), "--config", str(config)]) == 0
    outbox = out / "outbox" / "vraem-2024"
    assert len(list(outbox.glob("*.eml"))) == 4  # data/vraem/destinatarios.csv
    message = message_from_bytes((outbox / "jrivas@example.org.eml").read_bytes(),
                                 policy=default)
    assert message["Subject"] == "Análisis Sectorial: Desempeño económico del VRAEM 2024"
    assert message["Cc"] == "asistente.vraem@example.org"
    body = body_of(message)
    assert body.startswith("Estimado Sr. Jorge Luis Rivas Palomino:\n")
    for figure in ("17,224 empresas formales", "US$\u00a09,580 millones", "12.9%",
                   "S/\u00a01,093 millones", "84.6% de empleo informal", "8 de cada 10",
                   "China, Suiza, India, Corea del Sur y Japón", "Ayacucho",
                   "Cusco (27.7%), Junín (22.3%), Huancavelica (13.3%) y Apurímac (2.7%)"):
        assert figure in body, figure
    assert "formato Word (vraem-2024.docx) y PDF (vraem-2024.pdf)" in body
    types = [(a.get_content_type(), a.get_filename()) for a in message.iter_attachments()]
    assert types == [(DOCX, "vraem-2024.docx"), ("application/pdf", "vraem-2024.pdf")]
    pdf = next(a for a in message.iter_attachments() if a.get_filename().endswith(".pdf"))
    assert pdf.get_content() == (out / "vraem-2024.pdf").read_bytes()


def test_junin_press_note_mail_carries_its_lead(root, tmp_path):
    out = tmp_path / "output"
    assert main(["send", str(root / "briefs" / "junin-exportaciones-2024.yaml"),
                 "--dry-run", "--out", str(out), "--config", str(settings(tmp_path, 1))]) == 0
    message = message_from_bytes(
        (out / "outbox" / "junin-exportaciones-2024" / "lpoma@example.org.eml").read_bytes(),
        policy=default)
    assert message["Subject"] == "Nota de prensa: Exportaciones de Junín 2024"
    body = body_of(message)
    assert body.startswith("Estimada Sra. Lucía Poma Ticse:\n")
    assert "US$ 2 847 761 852" in body.replace("\u00a0", " ")  # the PROMPERÚ number style


def test_check_reads_the_list_and_the_mail_templates(project, capsys, monkeypatch):
    monkeypatch.chdir(project["root"])
    assert main(["check", str(project["brief"])]) == 0
    assert "3 destinatarios" in capsys.readouterr().out
    body = project["root"] / "templates" / "produce" / "correo.txt"
    body.write_text("Hola {{ destinatario.nombre }}\n{{ cifra_que_no_existe }}\n", "utf-8")
    assert main(["check", str(project["brief"])]) == 1
    err = capsys.readouterr().err
    assert "correo.txt, línea 2, campo 'cuerpo': nombre no definido" in err
    body.write_text("{% for x in %}", "utf-8")
    lista = project["root"] / "data" / "destinatarios.csv"
    lista.write_text(RECIPIENTS + "Dora,dora@example,Analista,,\n", "utf-8")
    assert main(["check", str(project["brief"])]) == 1
    assert "fila 5, columna 'correo': correo no válido" in capsys.readouterr().err


def test_a_corrected_document_is_not_resent_on_its_own_but_said(project, capsys):
    with Server() as smtp:
        config = settings(project["root"], smtp.port)
        assert send(project, config) == 0
        data = project["root"] / "data" / "empresas.csv"
        data.write_text(data.read_text("utf-8").replace("2024,Junín,60", "2024,Junín,61"),
                        encoding="utf-8")
        capsys.readouterr()
        assert send(project, config) == 0
        assert len(smtp.handler.received) == 3
        err = capsys.readouterr().err
        assert err.count("recibió una versión anterior del documento") == 3
        assert send(project, config, "--resend", "todos") == 0
        assert len(smtp.handler.received) == 6
        new = smtp.handler.received[-1].message
        assert "181 empresas" in body_of(new)
        old_ids = {r.message["Message-ID"] for r in smtp.handler.received[:3]}
        assert new["Message-ID"] not in old_ids


def test_a_broken_mail_template_sends_nothing(project, capsys):
    body = project["root"] / "templates" / "produce" / "correo.txt"
    body.write_text("Hola {{ destinatario.nombre }}\n{{ destinatario.cargo | entero }}\n", "utf-8")
    with Server() as smtp:
        assert send(project, settings(project["root"], smtp.port)) == 1
        assert smtp.handler.received == []
    err = capsys.readouterr().err
    assert "correo.txt, línea 2, campo 'cuerpo'" in err
    assert "se esperaba una cifra y se recibió 'Directora de Estudios'" in err
