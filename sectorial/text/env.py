"""The sandboxed Jinja2 environment that turns brief snippets into final text."""

from __future__ import annotations

import dataclasses
import re
import signal
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import jinja2
from jinja2 import meta, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from sectorial.doc.model import Span, Text
from sectorial.errors import Location, SectorialError, TemplateError
from sectorial.indicators.values import FIGURES, no_arithmetic
from sectorial.lang.numbers import NumberStyle
from sectorial.nesting import deepest
from sectorial.schema import Snippet
from sectorial.style import DEFAULT_INTENSITY
from sectorial.text.filters import BOLD_MARK, FILTERS, TESTS, bound_filters
from sectorial.text.printed import (
    ARTICLE_BEFORE_LESS,
    PROSE,
    as_codes,
    as_prose,
    as_words,
    no_article,
)
from sectorial.text.syntax import spanish

MAX_OUTPUT = 20_000  # characters one snippet may produce
MAX_SECONDS = 5.0  # rendering one snippet: a brief's take milliseconds
MAX_NESTING = 50  # brackets inside brackets: a brief's reach five
# Built-in filters that can pad a string to any length before MAX_OUTPUT is checked.
PADDING_FILTERS = ("center", "indent", "format", "wordwrap")
_SPACES = re.compile(r"[ \t\r\n]+")  # folds YAML line breaks, keeps NBSP
_INLINE_SPACES = re.compile(r"[ \t]+")
# A sentence's full stop after an abbreviation's ("+1.6 p.p." + "."), bold marks between
# or not: one stop. An ellipsis stays.
_DOUBLE_STOP = re.compile(r"(?<=[^.]\.)(\ue000)?\.(?!\.)")
_BLANK_RUNS = re.compile(r"\n{3,}")
_BOLD = re.compile(BOLD_MARK + "(.+?)" + BOLD_MARK, re.DOTALL)
# The template's own text, between its expressions and statements: where ** marks bold.
_CODE = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})", re.DOTALL)


class _Environment(ImmutableSandboxedEnvironment):
    """Immutable sandbox that refuses to build huge strings and to compute with figures."""

    intercepted_binops = frozenset(["+", "-", "*", "/", "//", "%", "**"])
    intercepted_unops = frozenset(["-", "+"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if any(isinstance(x, FIGURES) for x in (left, right)):
            no_arithmetic()
        if operator == "**" or (operator == "*" and any(isinstance(x, (str, list, tuple))
                                                        for x in (left, right))):
            raise SecurityError("operación no permitida en una plantilla")
        return super().call_binop(context, operator, left, right)

    def call_unop(self, context: Any, operator: str, arg: Any) -> Any:
        if isinstance(arg, FIGURES):
            no_arithmetic()
        return super().call_unop(context, operator, arg)


class TextEngine:
    """Render snippets in a context of indicators, with the house style's filters."""

    def __init__(self, numbers: NumberStyle, context: Mapping[str, Any],
                 words: tuple[tuple[float | None, str], ...] = DEFAULT_INTENSITY,
                 recorder: Callable[[Snippet, Any, str], None] | None = None,
                 typed: bool = False):
        """``recorder(snippet, value, printed)`` hears of every filter applied in text
        (the figures ledger); ``typed``: whether numbers written by hand are allowed (a
        letter's signature may carry a phone number; a brief's figures come from data)."""
        self.text_env = self._environment(numbers, words, as_words)
        self.prose_env = self._environment(numbers, words, as_prose)
        self.name_env = self._environment(numbers, words, as_codes)
        self.context = dict(context)
        self.snippet: Snippet | None = None
        self.typed = typed
        if recorder is not None:
            for env in (self.text_env, self.prose_env):
                for name in FILTERS:
                    env.filters[name] = self._recorded(env.filters[name], recorder)

    def _recorded(self, function: Callable[..., str],
                  recorder: Callable[[Snippet, Any, str], None]) -> Callable[..., str]:
        def recorded(value: Any, *args: Any, **kwargs: Any) -> str:
            printed = function(value, *args, **kwargs)
            if self.snippet is not None:
                recorder(self.snippet, value, printed)
            return printed

        return recorded

    @staticmethod
    def _environment(numbers: NumberStyle, words: tuple[tuple[float | None, str], ...],
                     finalize: Any) -> _Environment:
        env = _Environment(undefined=jinja2.StrictUndefined, autoescape=False,
                           finalize=finalize)
        for name in PADDING_FILTERS:
            del env.filters[name]
        del env.globals["namespace"]  # the one way for a template to grow a value in a loop
        env.filters.update(bound_filters(numbers, words))
        env.tests.update(TESTS)
        return env

    def file_name(self, snippet: Snippet, **extra: Any) -> str:
        """Render a file name: periods print as codes ("2025-09"), not as words."""
        return _SPACES.sub(" ", self._render(self.name_env, snippet, extra)).strip()

    def plain(self, snippet: Snippet, **extra: Any) -> str:
        """Render a snippet to plain text (bold marks are removed)."""
        return self._marked(snippet, extra).replace(BOLD_MARK, "")

    def rich(self, snippet: Snippet, **extra: Any) -> Text:
        """Render a snippet to a Text; ``**bold**`` marks become bold spans."""
        return to_text(self._marked(snippet, extra))

    def render(self, snippet: Snippet, **extra: Any) -> str:
        """Render a snippet, converting every Jinja failure into a TemplateError; bold
        written as ``**``."""
        return self._marked(snippet, extra).replace(BOLD_MARK, "**")

    def _marked(self, snippet: Snippet, extra: dict[str, Any]) -> str:
        env = self.prose_env if PROSE.search(snippet.field) else self.text_env
        folded = _SPACES.sub(" ", self._render(env, snippet, extra)).strip()
        folded = ARTICLE_BEFORE_LESS.sub(no_article, folded)
        return _DOUBLE_STOP.sub(lambda match: match.group(1) or "", folded)

    def lines(self, snippet: Snippet, **extra: Any) -> str:
        """Render a template of several lines (an email body): lines are kept, spaces
        inside a line fold into one, and blank lines never come more than one in a row."""
        out = self._render(self.prose_env, snippet, extra).replace(BOLD_MARK, "**")
        folded = [_INLINE_SPACES.sub(" ", line).strip() for line in out.splitlines()]
        return _BLANK_RUNS.sub("\n\n", "\n".join(folded)).strip() + "\n"

    def _render(self, env: _Environment, snippet: Snippet, extra: dict[str, Any]) -> str:
        self.snippet = snippet
        if not self.typed:
            found = typed_figures(snippet.source)
            if found:
                raise typed_figure_error(snippet, *found[0])
        try:
            check_nesting(snippet.source)
            with _time_limit(MAX_SECONDS):
                template = _compiled(env, _bold_marks(snippet.source))
                out = template.render({**self.context, **extra})
        except _TooLong as exc:
            raise _error(snippet, 1, f"la plantilla tarda más de {MAX_SECONDS:g} s "
                         "en escribir su texto", "quite los bucles anidados o grandes "
                         "(range) de ese texto: un informe no los necesita") from exc
        except MemoryError as exc:
            raise _error(snippet, _line_of(exc), "la plantilla pide más memoria de la que hay",
                         "quite de ese texto lo que repite o agranda valores") from exc
        except jinja2.TemplateSyntaxError as exc:
            raise _syntax_error(snippet, exc) from exc
        except jinja2.UndefinedError as exc:
            raise _error(snippet, _line_of(exc), f"nombre no definido: {_undefined(exc)}",
                         "use el nombre de un indicador declarado en 'indicadores'") from exc
        except SecurityError as exc:
            raise _error(snippet, _line_of(exc), f"operación no permitida: {exc}",
                         "las plantillas solo pueden leer indicadores y aplicar filtros") from exc
        except SectorialError as exc:
            raise _error(snippet, _line_of(exc), exc.message, exc.hint) from exc
        except Exception as exc:  # any other failure of a user's template is the user's to fix
            raise _error(snippet, _line_of(exc), f"la plantilla falla: {exc or type(exc).__name__}",
                         "revise los filtros y sus argumentos") from exc
        if len(out) > MAX_OUTPUT:
            raise _error(snippet, 1, f"el texto generado es demasiado largo ({len(out)} "
                         "caracteres)", "acorte la plantilla")
        return out


_UNDEFINED = re.compile(r"^'(?P<name>[^']+)' is undefined$|^.* has no attribute '(?P<attr>[^']+)'$")


def _undefined(exc: jinja2.UndefinedError) -> str:
    """Jinja's English message about an undefined name, in Spanish."""
    match = _UNDEFINED.match(exc.message or "")
    if match is None:
        return exc.message or ""
    if match["name"]:
        return f"'{match['name']}'"
    return f"el valor no tiene el campo '{match['attr']}'"


class _TooLong(BaseException):
    """A snippet's rendering ran past MAX_SECONDS (a BaseException: no ``except Exception``
    of a filter or of Jinja may swallow it)."""


def _too_long(signum: int, frame: object) -> None:
    raise _TooLong


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Stop the block after ``seconds`` of this process's CPU time (not of the clock: a
    build suspended with Ctrl-Z or a busy machine must not fail a text), where a timer
    signal exists, in the main thread: every build renders there, here or in a worker."""
    if not hasattr(signal, "setitimer") or \
            threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGPROF, _too_long)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def check_nesting(source: str) -> None:
    """Refuse brackets nested deeper than MAX_NESTING, naming the line where they are."""
    if source.count("(") + source.count("[") + source.count("{") <= MAX_NESTING:
        return
    depth, line = deepest(source)
    if depth > MAX_NESTING:
        raise jinja2.TemplateSyntaxError(
            f"anida más de {MAX_NESTING} paréntesis, corchetes o llaves", line)


def _line_of(exc: BaseException) -> int:
    """Return the template line where ``exc`` was raised, from Jinja's traceback rewrite."""
    tb = exc.__traceback__
    line = 1
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _error(snippet: Snippet, line: int | None, message: str, hint: str | None) -> TemplateError:
    where = Location(snippet.file, line=snippet.line + max((line or 1) - 1, 0),
                     field=snippet.field)
    return TemplateError(message, where, hint)


_COMPILED: dict[tuple, Any] = {}  # the code depends on the source and the finalizing


def _compiled(env: _Environment, source: str) -> jinja2.Template:
    """``env.from_string(source)``, compiled once per process for all regions of a brief."""
    key = (source, env.autoescape, getattr(env.finalize, "jinja_pass_arg", None),
           env.finalize is None)
    if key not in _COMPILED:
        _COMPILED[key] = env.compile(source)
    return env.template_class.from_code(env, _COMPILED[key], env.make_globals(None), None)


def _syntax_error(snippet: Snippet, exc: jinja2.TemplateSyntaxError) -> TemplateError:
    if snippet.condition:
        return _error(snippet, 1, f"la condición no se entiende: "
                      f"{spanish(exc.message or '', condition=True)}",
                      "una condición es una expresión de las plantillas, sin llaves: "
                      "'acumulado is varios', 'mes.exportaciones > 0'")
    return _error(snippet, exc.lineno, f"error de sintaxis en la plantilla: "
                  f"{spanish(exc.message or '')}",
                  "revise las llaves {{ }} y los filtros en ese texto")


def _bold_marks(source: str) -> str:
    """The template with the ``**`` of its own text as bold marks: those inside its
    expressions are code, and those its values bring (data) stay literal."""
    return "".join(part if index % 2 else part.replace("**", BOLD_MARK)
                   for index, part in enumerate(_CODE.split(source)))


def to_text(rendered: str) -> Text:
    """Split ``a **b** c`` (its bold marks) into spans: "a ", bold "b", " c"; a mark left
    without its pair is dropped."""
    spans: list[Span] = []
    position = 0
    for match in _BOLD.finditer(rendered):
        if match.start() > position:
            spans.append(Span(rendered[position:match.start()].replace(BOLD_MARK, "")))
        spans.append(Span(match.group(1), bold=True))
        position = match.end()
    if position < len(rendered):
        spans.append(Span(rendered[position:].replace(BOLD_MARK, "")))
    return Text(tuple(spans))


@lru_cache(maxsize=1)
def names_environment() -> _Environment:
    """An environment to parse templates with, for the names they read (no rendering)."""
    return TextEngine._environment(NumberStyle(), DEFAULT_INTENSITY, as_words)


def names_in(node: Any) -> set[str]:
    """The names the templates inside ``node`` read (those that fail to parse are left to
    the rendering, which reports them with their line)."""
    env = names_environment()
    names: set[str] = set()
    for snippet in snippets(node):
        try:
            check_nesting(snippet.source)
            names |= meta.find_undeclared_variables(env.parse(snippet.source))
        except jinja2.TemplateSyntaxError:
            continue
    return names


def check_templates(brief: Any, known: set[str]) -> list[SectorialError]:
    """Check every snippet of a brief without data: syntax, and names that nothing defines.

    ``check`` runs this when the data cannot be read, so that a user sees the template
    problems in the same report instead of after fixing the data.
    """
    env = names_environment()
    allowed = known | set(env.globals)
    errors: list[SectorialError] = []
    for snippet in snippets(brief):
        try:
            check_nesting(snippet.source)
            names = meta.find_undeclared_variables(env.parse(snippet.source))
        except jinja2.TemplateSyntaxError as exc:
            errors.append(_syntax_error(snippet, exc))
            continue
        for name in sorted(names - allowed):
            errors.append(_error(snippet, 1, f"nombre no definido: '{name}'",
                                 "use el nombre de un indicador declarado en 'indicadores'"))
        errors += [typed_figure_error(snippet, *found) for found in typed_figures(snippet.source)]
    return errors


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_ALLOWED_UNDER = (nodes.Call, nodes.Filter, nodes.Test, nodes.Getitem, nodes.Slice)


@lru_cache(maxsize=4096)
def typed_figures(source: str) -> tuple[tuple[int, str], ...]:
    """The numbers written by hand in a template (line, number): in its text, outside
    ``{% raw %}…{% endraw %}``, and in its expressions, where a number may only be an
    argument (``principales(3)``, ``pct(1)``) or an index (``p[0]``). Syntax errors are
    left to the rendering, which reports them."""
    env = names_environment()
    found: list[tuple[int, str]] = []
    try:
        check_nesting(source)
        raw = False
        for line, kind, value in env.lex(source):
            raw = {"raw_begin": True, "raw_end": False}.get(kind, raw)
            if kind == "data" and not raw:
                found += [(line + value.count("\n", 0, match.start()), match.group())
                          for match in _NUMBER.finditer(value)]
        found += _expression_figures(env.parse(source), False)
    except jinja2.TemplateSyntaxError:
        return ()
    return tuple(sorted(found))


def _expression_figures(node: nodes.Node, allowed: bool) -> list[tuple[int, str]]:
    if isinstance(node, nodes.Const):
        value = node.value
        typed = isinstance(value, (int, float)) and not isinstance(value, bool)
        return [(node.lineno, repr(value))] if typed and not allowed else []
    found = []
    for field in node.fields:
        child = getattr(node, field)
        children = child if isinstance(child, list) else [child]
        inside = allowed or (isinstance(node, _ALLOWED_UNDER) and field in (
            "args", "kwargs", "arg", "start", "stop", "step", "dyn_args", "dyn_kwargs"))
        for item in children:
            if isinstance(item, nodes.Keyword):
                item = item.value
            if isinstance(item, nodes.Node):
                found += _expression_figures(item, inside)
    return found


def typed_figure_error(snippet: Snippet, line: int, number: str) -> TemplateError:
    return _error(snippet, line, f"cifra escrita a mano '{number}' en un texto: no sale de "
                  "los datos ni queda en el registro de cifras",
                  "escríbala con un indicador y un filtro ({{ variacion | signo }}); si el "
                  "número es parte del texto (una ley, un código), enciérrelo en "
                  "{% raw %}…{% endraw %}")


def snippets(node: Any) -> list[Snippet]:
    """Every Snippet inside a brief (dataclasses, tuples and dicts, walked in order)."""
    if isinstance(node, Snippet):
        return [node]
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        return [s for f in dataclasses.fields(node) for s in snippets(getattr(node, f.name))]
    if isinstance(node, (list, tuple)):
        return [s for item in node for s in snippets(item)]
    if isinstance(node, dict):
        return [s for item in node.values() for s in snippets(item)]
    return []
