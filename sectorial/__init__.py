"""sectorial: Spanish-language economic briefs (DOCX and PDF) from data."""

__version__ = "0.1.0"
