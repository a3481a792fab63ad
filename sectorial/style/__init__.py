"""House styles: ``templates/<name>/estilo.yaml``, split by who reads each part.

``model`` holds the types (``HouseStyle``: ``look`` for renderers, ``voice`` and
``numbers`` for the text, ``rounding`` for the indicators), ``schema`` the declared keys,
``loader`` finds and reads a style (``from sectorial.style.loader import load_house``).
Importing the package reads no file and imports no YAML parser.
"""

from sectorial.style.model import (
    DEFAULT_INTENSITY,
    STYLE_FILE,
    HouseStyle,
    Institution,
    Look,
    MailTemplates,
    PageSetup,
    Roles,
    Voice,
)

__all__ = ["DEFAULT_INTENSITY", "STYLE_FILE", "HouseStyle", "Institution", "Look",
           "MailTemplates", "PageSetup", "Roles", "Voice"]
