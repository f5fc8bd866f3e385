"""newsgraph.web: the web pages over the store (Jinja2 templates, static JS/CSS, vendored libraries).

Mounted on the API application by :func:`newsgraph.api.create_app`; :mod:`newsgraph.web.highlight`
turns an analysis into highlighted text and is usable on its own.
"""

from newsgraph.web.highlight import article_facts, segments
from newsgraph.web.pages import install

__all__ = ["article_facts", "install", "segments"]
