"""Wrong usage: the usage of the command at fault, no abbreviations, no option that would do
nothing, archive's actions as subcommands; and the shell's completion from the same parser."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sectorial.arguments import parse


def usage_error(capsys, *argv: str) -> str:
    with pytest.raises(SystemExit) as stop:
        parse(list(argv))
    assert stop.value.code == 2
    return capsys.readouterr().err


def test_an_unknown_option_shows_its_commands_usage_and_the_option_meant(capsys):
    err = usage_error(capsys, "build", "x.yaml", "--perio", "2024")
    assert err.startswith("uso: sectorial build ")
    assert "argumentos no reconocidos: --perio 2024 (¿quiso decir --period?)" in err
    err = usage_error(capsys, "send", "x.yaml", "--dryrun")
    assert err.startswith("uso: sectorial send ") and "¿quiso decir --dry-run?" in err
    err = usage_error(capsys, "archive", "verify", "--period", "2024")
    assert err.startswith("uso: sectorial archive verify ")


@pytest.mark.parametrize("abbreviated", ["--perio", "--form", "--arch"])
def test_an_abbreviated_option_is_refused(capsys, abbreviated):
    err = usage_error(capsys, "build", "x.yaml", abbreviated, "2024")
    assert "argumentos no reconocidos" in err


@pytest.mark.parametrize(("argv", "said"), [
    (["build", "x.yaml", "--archive-dir", "a"],
     "argumento --archive-dir: solo tiene efecto con --archive"),
    (["send", "x.yaml", "--status", "--dry-run"],
     "argumento --dry-run: no tiene efecto con --status"),
    (["send", "x.yaml", "--status", "--resend", "a@b.pe"],
     "argumento --resend: no tiene efecto con --status"),
    (["send", "x.yaml", "--status", "--jobs", "2"],
     "argumento --jobs: no tiene efecto con --status"),
    (["send", "x.yaml", "--dry-run", "--mark-sent", "a@b.pe"],
     "argumento --mark-sent: no tiene efecto con --dry-run"),
    (["build", "x.yaml", "--jobs", "2", "--cluster", "tcp://h:8786"],
     "argumento --cluster: no se permite con el argumento --jobs"),
])
def test_an_option_that_would_do_nothing_is_an_error(capsys, argv, said):
    assert said in usage_error(capsys, *argv)


def test_archive_actions_are_subcommands_and_a_pdf_alone_is_added(capsys):
    assert parse(["archive", "out/a.pdf"]).action == "add"
    args = parse(["archive", "add", "verify"])  # a file named as an action
    assert args.action == "add" and [str(p) for p in args.pdfs] == ["verify"]
    assert parse(["archive", "list", "--period", "2024"]).action == "list"
    assert "--head" in usage_error(capsys, "archive", "list", "--head", "abc")
    err = usage_error(capsys, "archive", "--head", "abc")
    assert "ACCIÓN" in err


def test_the_json_and_quiet_options_go_together():
    args = parse(["build", "x.yaml", "--json", "--quiet"])
    assert args.json and args.quiet


@pytest.mark.parametrize(("line", "expected"), [
    ("sectorial build --per", ["--period"]),
    ("sectorial arch", ["archive"]),
    ("sectorial archive v", ["verify"]),
    ("sectorial send x.yaml --dry", ["--dry-run"]),
])
def test_bash_completes_commands_and_options(tmp_path, line, expected):
    script = subprocess.run([sys.executable, "-m", "sectorial", "completion", "bash"],
                            capture_output=True, text=True, check=True).stdout
    (tmp_path / "completion.sh").write_text(script, encoding="utf-8")
    words = line.split(" ")
    probe = (f"source {tmp_path / 'completion.sh'}\n"
             f"COMP_WORDS=({' '.join(words)}); COMP_CWORD={len(words) - 1}\n"
             f"COMP_LINE='{line}'; COMP_POINT={len(line)}\n"
             f"_shtab_sectorial sectorial {words[-1]} {words[-2]}\n"
             'printf "%s\\n" "${COMPREPLY[@]}"\n')
    done = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, timeout=30)
    assert done.stdout.split() == expected, done.stderr


def test_the_completion_scripts_of_zsh_and_tcsh_name_every_command():
    for shell in ("zsh", "tcsh"):
        script = subprocess.run([sys.executable, "-m", "sectorial", "completion", shell],
                                capture_output=True, text=True, check=True).stdout
        for command in ("build", "check", "send", "archive", "schema", "completion"):
            assert command in script, (shell, command)


def test_the_archive_folder_may_come_before_the_action(capsys):
    args = parse(["archive", "--archive-dir", "A", "out/a.pdf"])
    assert args.action == "add" and str(args.archive_dir) == "A"
    args = parse(["archive", "--archive-dir", "A", "verify", "--rebuild"])
    assert args.action == "verify" and args.rebuild and str(args.archive_dir) == "A"
    err = usage_error(capsys, "archive", "x.pdf", "--head", "abc")
    assert "--help" not in err.split("error:")[1]  # never offered as the option meant


def test_a_commands_files_may_come_on_either_side_of_its_options():
    args = parse(["build", "a.yaml", "--jobs", "2", "b.yaml", "--period", "2025-09"])
    assert [str(p) for p in args.brief] == ["a.yaml", "b.yaml"] and args.jobs == 2
    args = parse(["archive", "verify", "--rebuild"])
    assert args.command == "archive" and args.rebuild


@pytest.mark.parametrize("command", [["build"], ["send"], ["archive", "verify"],
                                     ["estilo", "referencia"], ["preview"]])
def test_every_usage_names_the_whole_command(command, capsys):
    with pytest.raises(SystemExit):
        parse([*command, "--help"])
    assert capsys.readouterr().out.startswith(f"uso: sectorial {' '.join(command)} ")
    with pytest.raises(SystemExit):
        parse([*command, "--no-existe"])
    assert capsys.readouterr().err.startswith(f"uso: sectorial {' '.join(command)} ")
