"""The pages' templates (Jinja2, every value escaped) and the error page the guard answers with."""
from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader

from .. import __version__

NAV = (("/", "Dashboard"), ("/incidents", "Incidents"), ("/events", "Events"), ("/articles", "Articles"), ("/claims", "Claims"),
       ("/map", "Map"), ("/network", "Network"), ("/escalation", "Escalation"), ("/analyze", "Analyze"))

templates = Environment(loader=PackageLoader("newsledger.web", "templates"), autoescape=True,
                        trim_blocks=True, lstrip_blocks=True)


def error_page(status: int, message: str, detail: Any = None) -> str:
    return templates.get_template("error.html").render(
        title=f"{status}: {message}", nav=NAV, here="", version=__version__, store_name="",
        writes=False, message=message, detail=detail)
