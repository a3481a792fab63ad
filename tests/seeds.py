"""The figures the VRAEM seed publication states (../shared/seeds/004_…), as printed.

Where the seed's Spanish is wrong ("contribuyen" for "el valor", "2.5 millones empleos"),
the brief writes it right and the entry says what the seed printed; the figures stay."""

SEED_FIGURES = [
    "0.2% del PBI Nacional",
    "S/ 1,093 millones",
    "17,224 empresas formales",
    "el 0.7%",
    "US$ 9,580 millones",
    "contribuye con el 12.9%",  # the seed: "contribuyen" (its subject is "el valor")
    "S/ 2,185 millones",
    "34.1% de las empresas formales del VRAEM",
    "Cusco (27.7%), Junín (22.3%), Huancavelica (13.3%) y Apurímac (2.7%)",
    "China, Suiza, India, Corea del Sur y Japón",
    "2.5 millones de empleos directos",  # the seed: "2.5 millones empleos"
    "14.1% de la PEA ocupada",
    "84.6% de empleo informal",
    "8 de cada 10",
    "S/ 981 millones",
    "tasa de 3.3% en promedio anual",
    "se registraron 17,224 empresas formales",
    "un aumento de 8.6% con respecto a 2023",
    # the seed: "el 0.1% mediana"
    "el 97.1% son micro, el 2.7% pequeñas, el 0.1% medianas y el 0.1% grandes empresas",
    "El 44.2% de las empresas formales",
    "y el 42.4%, a servicios",
    "En Ayacucho se ubica el 34.1% de las empresas",
    "creció a una tasa de 1.1% en promedio anual",
    "pasando de 2.4 millones en 2019 a 2.5 millones de trabajadores en 2024",
    "2 millones 525 mil trabajadores",
    "una caída de 0.3%",
    "el 84.6% del empleo generado es empleo informal",
    "solo el 15.4% es formal",
    "el 46.0% de la PEA ocupada son mujeres",
    "2,525,492 trabajadores",
    "Apurímac, Ayacucho, Cusco, Huancavelica y Junín",
    "se incrementaron en 0.3% respecto al 2023, alcanzando los US$ 9,580 millones",
    "China (72.7%), Suiza (5.2%) e India (3.2%)",
    "con el 84% del valor total exportado",
    "Apurímac (31.5%), Junín (29.7%) y Cusco (27.2%)",
    "de S/ 587 millones en 2019 a S/ 981 millones en 2024",
    "creció 14.7% en promedio cada año",
    "con un 82% del total",
    "microempresas (16%) y medianas empresas (1%)",
    "Apurímac lidera la distribución regional con el 55%",
    "seguido por Junín con el 24%",
    "Cusco y Ayacucho cuentan con el 11% y 10%",
    "Huancavelica no registra crédito empresarial otorgado",
    "Mayo 2025",
    "Fuente: INEI - ENAHO",
    "Elaboración: PRODUCE – OGEIEE.",
]


# Every figure of PRODUCE - OGEIEE, "Reporte de producción manufacturera, setiembre 2023"
# (data/manufactura/README.md), as the report formats it, with what it is about; where the
# report writes a fall with its sign after "de" («una disminución de (-9.3%)», a double
# negative an editor corrects), the brief writes it once («una disminución de 9.3%»).
MANUFACTURING_FIGURES = [
    "una disminución de 9.3%",
    "subsector no primario (-13.6%)",
    "-10.9 p.p.",
    "un aumento de 8.2%",
    "+1.6 p.p.",
    "bienes de consumo (-15.3%)",
    "-6.1 p.p.",
    "bienes intermedios (-12.5%)",
    "-4.7 p.p.",
    "servicios relacionados a la manufactura (-14.2%)",
    "-0.3 p.p.",
    "bienes de capital (+13.1%)",
    "+0.1 p.p.",
    "prendas de vestir (-40.7%)",
    "conservas de frutas y legumbres (-58.3%)",
    "joyas y artículos conexos (-50.4%)",
    "aserrado y acepilladura de madera (-31.2%)",
    "cemento, cal y yeso (-11.0%)",
    "impresión (-29.8%)",
    "refinación de petróleo (+63.3%)",
    "productos pesqueros (+18.1%)",
    "azúcar (+13.5%)",
    "metales preciosos y no ferrosos (-3.1%)",
]
