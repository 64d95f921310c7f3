"""conflictwire: news reports of armed conflict, political violence and protest in, event records out."""

import logging

__version__ = "0.1.0"

# The library stays quiet; the CLI sets up logging.
logging.getLogger(__name__).addHandler(logging.NullHandler())
