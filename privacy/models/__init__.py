"""Privacy models, split by domain: the guard's scans, and anonymised releases."""

from privacy.models.guard import *  # noqa: F403
from privacy.models.release import *  # noqa: F403
