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
