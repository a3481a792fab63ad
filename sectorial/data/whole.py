"""Checks of the data as a whole: what each cell cannot show on its own.

Sheets edited by hand bring the same name written two ways ("Junín" and "Junin": two
regions, each with part of the figures) and rows of totals left among the data (they would
be added again). Both would print wrong figures with no error, so both stop the build with
the file, the rows and the column. A brief that knows its file has total rows declares
them (``filas_total: {region: Total}``): they are checked against the rows they add up,
then left out.
"""

from __future__ import annotations

from sectorial.data.spec import ROW, SourceSpec
from sectorial.data.table import Table
from sectorial.errors import DataError, Location, SectorialError, raise_all
from sectorial.lang.folding import name_key

TOTAL_WORDS = frozenset({"total", "totales", "total general", "total nacional", "subtotal",
                         "total pais", "total peru", "suma", "todos"})
"""What a row of totals says in a text column (compared without accents or case)."""
SHOWN_ROWS = 5


def check_whole(spec: SourceSpec, table: Table) -> Table:
    """Refuse two spellings of one value, undeclared total rows and periods that lack a
    value every other period has; check and leave out the declared totals. Every problem
    is reported at once. Return the table the brief's figures are computed from."""
    if not spec.figures:
        return table
    texts = {c: table.rows_by_value(c) for c, kind in spec.columns.items() if kind == "texto"}
    errors = [e for column, by_value in texts.items()
              for e in _spellings(spec, column, by_value)]
    errors += [e for column, by_value in texts.items() if column not in spec.totals
               for e in _total_rows(spec, column, by_value)]
    declared = _declared_totals(spec, texts)
    if declared and not errors:
        errors += _checked_totals(spec, table, declared)
    kept = table.without_rows(set(declared)) if declared else table
    if not spec.gaps:
        errors += [e for column in texts if column not in spec.totals
                   for e in _absent(spec, kept, column)]
    raise_all(errors)
    return kept


def _spellings(spec: SourceSpec, column: str,
               by_value: dict[str, list[int]]) -> list[SectorialError]:
    groups: dict[str, list[str]] = {}
    for value in by_value:
        if value.strip():
            groups.setdefault(name_key(value), []).append(value)
    errors: list[SectorialError] = []
    for spellings in groups.values():
        if len(spellings) < 2:
            continue
        said = " y ".join(f"'{v}' ({_rows(by_value[v])})" for v in spellings)
        errors.append(DataError(
            f"la columna '{column}' escribe de {len(spellings)} formas un mismo valor: {said}",
            Location(str(spec.path), sheet=spec.sheet, row=by_value[spellings[-1]][0],
                     column=column),
            "escríbalo igual en todas las filas: se contaría como valores distintos, cada uno "
            "con una parte de las cifras"))
    return errors


def _total_rows(spec: SourceSpec, column: str,
                by_value: dict[str, list[int]]) -> list[SectorialError]:
    errors: list[SectorialError] = []
    for value, rows in by_value.items():
        if name_key(value) in TOTAL_WORDS:
            errors.append(DataError(
                f"{_rows(rows).capitalize()}: '{value}' en la columna '{column}' es una fila "
                "de total: sectorial suma las filas, y la sumaría otra vez",
                Location(str(spec.path), sheet=spec.sheet, row=rows[0], column=column),
                "quite esa fila del archivo, o declárela en la fuente del informe "
                f"(filas_total: {{{column}: {value}}}) para que se compruebe y se deje fuera"))
    return errors


def _declared_totals(spec: SourceSpec,
                     texts: dict[str, dict[str, list[int]]]) -> dict[int, str]:
    """The file rows the brief declares as totals, each with its column."""
    found: dict[int, str] = {}
    for column, value in spec.totals.items():
        by_value = texts.get(column, {})
        same = [v for v in by_value if name_key(v) == name_key(value)]
        if not same:
            raise DataError(f"ninguna fila tiene '{value}' en la columna '{column}' "
                            "(filas_total)", Location(str(spec.path), column=column),
                            "corrija 'filas_total' en la fuente del informe, o quítelo")
        found.update({row: column for v in same for row in by_value[v]})
    return found


def _checked_totals(spec: SourceSpec, table: Table,
                    declared: dict[int, str]) -> list[SectorialError]:
    """Each total row adds up the other rows that agree with it on every other text and
    period column; a total that does not is an error."""
    numbers = [c for c, kind in spec.columns.items() if kind in ("entero", "conteo",
                                                                  "decimal")]
    keys = [c for c, kind in spec.columns.items()
            if kind in ("texto", "periodo") and c not in spec.totals]
    values = table.by_row()
    errors: list[SectorialError] = []
    for row in sorted(declared):
        total = values[row]
        parts = [r for r in values if r not in declared
                 and all(values[r][k] == total[k] for k in keys)]
        sums = table.column_sums(parts, numbers)
        for name in numbers:
            wanted = float(total[name])
            if abs(sums[name] - wanted) > max(1e-6 * abs(wanted), 0.51):
                errors.append(DataError(
                    f"la fila de total dice {wanted:,.10g} en '{name}' y las {len(parts)} "
                    f"filas que suma dan {sums[name]:,.10g}",
                    Location(str(spec.path), sheet=spec.sheet, row=row, column=name),
                    "corrija el total o las filas: una de las dos cifras está mal"))
    return errors


GAP_SHARE = 0.1
"""At most this share of the periods since a value first appears may lack it for the gap
to be a missing row (a region absent from one month: yes; a fruit out of season three
months a year, or a product exported now and then: no)."""
LEAST_PERIODS = 4


def _absent(spec: SourceSpec, table: Table, column: str) -> list[SectorialError]:
    """A period without a value that every other period since its first has: a region
    missing from the report month would lower the national totals with no error."""
    period = table.period_column
    if period is None:
        return []
    by_value: dict[str, set] = {}
    first_row: dict[object, int] = {}
    frame = table.frame
    for when, value, row in zip(frame[period].tolist(), frame[column].tolist(),
                                frame[ROW].tolist()):
        by_value.setdefault(str(value), set()).add(when)
        first_row.setdefault(when, row)
    periods = sorted(first_row)
    lacking: dict[object, list[str]] = {}
    for value, present in by_value.items():
        first = periods.index(min(present))
        since = periods[first:]
        missing = [p for p in since if p not in present]
        if len(since) >= LEAST_PERIODS and 0 < len(missing) <= max(1, GAP_SHARE * len(since)):
            for when in missing:
                lacking.setdefault(when, []).append(value)
    errors: list[SectorialError] = []
    for when in sorted(lacking):
        missing = sorted(lacking[when])
        said = ", ".join(f"{column}={m}" for m in missing[:SHOWN_ROWS]) + \
            ("…" if len(missing) > SHOWN_ROWS else "")
        errors.append(DataError(
            f"en {_named(when)} faltan filas de {said}, que tienen los demás periodos",
            Location(str(spec.path), sheet=spec.sheet, row=first_row[when], column=column),
            "complete los datos de ese periodo (los totales lo sumarían sin esa parte); si es "
            "normal que falten, declare en la fuente 'faltantes: permitir'"))
    return errors


def _named(period: object) -> str:
    """A period as the text says it ("setiembre 2025")."""
    label = getattr(period, "label", None)
    return label() if callable(label) else str(period)


def _rows(rows: list[int]) -> str:
    shown = ", ".join(map(str, rows[:SHOWN_ROWS])) + ("…" if len(rows) > SHOWN_ROWS else "")
    return f"fila {shown}" if len(rows) == 1 else f"filas {shown}"
