"""The DOCX renderer (python-docx; python-pptx and XlsxWriter for native Word charts): only
this package imports them. ``document`` lays out the pages (``render``,
``needs_pictures``), ``xml`` writes what python-docx has no API for, ``charts`` writes the
editable Word charts."""
