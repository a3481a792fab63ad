"""The PDF renderer (reportlab for the pages, pikepdf for PDF/A): only this package imports
them. ``pages`` draws the pages (``render``, ``needs_pictures``), ``flow`` lays out running
text, ``pdfa`` makes the file archival and checks archived files."""
