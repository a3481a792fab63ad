"""The example documents, by the name of their files, and the arguments that build them."""

EXAMPLES = {
    "vraem-2024": ["briefs/vraem-2024.yaml"],
    "junin-exportaciones-2024": ["briefs/junin-exportaciones-2024.yaml"],
    "manufactura-2023-09": ["briefs/manufactura-mensual.yaml"],
    "exportaciones-junin-2025-09": ["briefs/exportaciones-regionales.yaml", "--period",
                                    "2025-09", "--region", "Junín"],
}
