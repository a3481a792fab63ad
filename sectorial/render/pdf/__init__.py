"""The PDF renderer (reportlab for the pages, pikepdf for PDF/A and the tags): only this
package imports them. ``pages`` draws the pages (``render``, ``needs_pictures``), ``cover``
the cover and the key indicators, ``flow`` lays out running text, ``tags`` marks what is
drawn and builds the structure tree that ``structure`` writes into the file, ``pdfa`` makes
the file archival and checks archived files."""
