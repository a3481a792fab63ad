"""Visitor base for renderers: ``visit_<NodeClass>`` dispatch, unknown nodes are errors."""

from __future__ import annotations

from typing import Any

from sectorial.errors import RenderError


class Visitor:
    """Dispatch a node to ``visit_<ClassName>``; a node with no method is an error."""

    def visit(self, node: Any) -> Any:
        """Call the method for the node's class, or fail naming the node."""
        method = getattr(self, f"visit_{type(node).__name__}", None)
        if method is None:
            raise RenderError(
                f"{type(self).__name__} no sabe dibujar un bloque de tipo "
                f"'{type(node).__name__}'",
                hint="actualice sectorial o quite ese bloque del informe",
            )
        return method(node)
