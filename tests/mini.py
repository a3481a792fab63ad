"""A tiny, complete project (brief, data, house style) written into a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DATA = """anio,region,empresas
2022,Cusco,90
2022,Junín,60
2023,Cusco,100
2023,Junín,50
2024,Cusco,120
2024,Junín,60
"""

BRIEF = """\
nombre: "mini-{{ periodo }}"
estilo: produce
periodo: 2024
serie: Análisis Sectorial
titulo: "Mini informe {{ periodo }}"
edicion: "2025-09"
datos:
  empresas:
    archivo: ../data/empresas.csv
    fuente: SUNAT
    columnas: {anio: periodo, region: texto, empresas: entero}
indicadores:
  serie: {tipo: serie, datos: empresas, valor: empresas}
  total: {tipo: total, datos: empresas, valor: empresas}
  var: {tipo: variacion, de: serie}
  regiones: {tipo: participaciones, datos: empresas, valor: empresas, por: region}
paginas:
  - tipo: indicadores
    etiqueta: MINI
    titulo: Indicadores
    encabezado: "Indicadores {{ periodo }}"
    cajas:
      - cifra: "{{ total | entero }} empresas"
        texto: "El número de empresas **{{ var | variacion }}** respecto a {{ anterior }}."
    fuentes: [empresas]
  - tipo: tema
    etiqueta: EMPRESAS
    titulo: Evolución
    mensaje: "{{ regiones.primero.nombre }} concentra el {{ regiones.primero.part | pct }}."
    graficos:
      - {tipo: columnas, titulo: "Empresas", unidad: "(Número)", datos: serie}
      - {tipo: dona, titulo: "Por región", unidad: "(Part. %)", datos: regiones,
         mostrar: participacion}
    vinetas:
      - "Hay {{ total | entero }} empresas."
    fuentes: [empresas]
"""


def make_project(folder: Path, brief: str = BRIEF, data: str = DATA) -> Path:
    """Write the mini project into ``folder`` and return the brief's path."""
    (folder / "briefs").mkdir(parents=True)
    (folder / "data").mkdir()
    shutil.copytree(ROOT / "templates" / "produce", folder / "templates" / "produce")
    (folder / "data" / "empresas.csv").write_text(data, encoding="utf-8")
    path = folder / "briefs" / "mini.yaml"
    path.write_text(brief, encoding="utf-8")
    return path


MONTHLY_DATA = "mes,region,valor\n" + "".join(
    f"{year}-{month:02d},{region},{base + 10 * month + (year - 2024) * 100}\n"
    for year in (2024, 2025)
    for month in range(1, 13)
    if (year, month) <= (2025, 9)
    for region, base in (("Apurímac", 100), ("La Libertad", 300), ("Madre de Dios", 50))
)

REGIONAL_BRIEF = """\
nombre: "regional-{{ region }}-{{ periodo }}"
estilo: produce
periodo: 2025-09
serie: Análisis Regional
titulo: "Exportaciones de {{ region }}, {{ periodo }}"
edicion: siguiente
por_cada: {datos: exportaciones, columna: region}
datos:
  exportaciones:
    archivo: ../data/mensual.csv
    fuente: SUNAT
    columnas: {mes: periodo, region: texto, valor: entero}
    clave: [mes, region]
indicadores:
  mes: {tipo: total, datos: exportaciones, valor: valor, filtro: {region: "{{ region }}"}}
  mes_anterior: {tipo: total, datos: exportaciones, valor: valor, en: anterior,
                 filtro: {region: "{{ region }}"}}
  interanual: {tipo: variacion, de: mes, frente_a: mes_anterior}
  acum: {tipo: total, datos: exportaciones, valor: valor, en: acumulado,
              filtro: {region: "{{ region }}"}}
  acumulado_anterior: {tipo: total, datos: exportaciones, valor: valor,
                       en: acumulado_anterior, filtro: {region: "{{ region }}"}}
  var_acumulado: {tipo: variacion, de: acum, frente_a: acumulado_anterior}
  meses: {tipo: serie, datos: exportaciones, valor: valor, ultimos: 13,
          filtro: {region: "{{ region }}"}}
  puesto: {tipo: puesto, datos: exportaciones, valor: valor, por: region,
           categoria: "{{ region }}"}
  regiones: {tipo: participaciones, datos: exportaciones, valor: valor, por: region}
paginas:
  - tipo: tema
    etiqueta: MES
    titulo: "{{ region }} en {{ periodo }}"
    mensaje: >-
      En {{ periodo }}, {{ region }} exportó {{ mes | entero }}, {{ interanual | cambio }}
      frente a {{ anterior }}; en {{ acumulado }} sumó {{ acum | entero }}
      ({{ var_acumulado | variacion }} frente a {{ acumulado.anterior }}). Puesto
      {{ puesto | entero }}.
    graficos:
      - {tipo: columnas, titulo: "Últimos {{ meses | length }} meses", unidad: "(US$)",
         datos: meses}
      - {tipo: barras, titulo: "Regiones", unidad: "(US$)", datos: regiones,
         resaltar: "{{ region }}"}
    fuentes: [exportaciones]
"""


def make_regional_project(folder: Path, data: str = MONTHLY_DATA) -> Path:
    """A monthly brief built once per region; return the brief's path."""
    path = make_project(folder, brief=REGIONAL_BRIEF)
    (folder / "data" / "mensual.csv").write_text(data, encoding="utf-8")
    return path
