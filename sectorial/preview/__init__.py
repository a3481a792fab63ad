"""``sectorial preview``: the document's pages in a browser, rebuilt as the brief, its data
or its house style change.

``session`` builds in this process, which keeps its libraries loaded and reuses what did not
change (the charts, the pages); ``pages`` turns the PDF into page images (PDFium);
``server`` serves them on 127.0.0.1 with a page that reloads itself; ``watch`` notices the
files changing.
"""
