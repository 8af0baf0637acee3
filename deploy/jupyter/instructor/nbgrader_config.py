"""nbgrader for an instructor's server on the course's JupyterHub (deploy/jupyterhub_config.py).

The course is the instructor's own clone of the repository, ``~/nn-course`` (``COURSE_DIR``
overrides): its ``nbgrader_config.py`` (sources, releases, grading kernel, preprocessors,
gradebook) applies, then the hub's exchange (``COURSE_EXCHANGE``, set by the hub). The formgrader
needs the course inside the server's folder, the home folder.
"""

import os
from pathlib import Path

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

COURSE = Path(os.environ.get("COURSE_DIR", "~/nn-course")).expanduser()

load_subconfig(str(COURSE / "nbgrader_config.py"))  # noqa: F821 (a missing file is skipped)

c.CourseDirectory.root = str(COURSE)
c.CourseDirectory.course_id = "nn-course"  # course_grader.course.COURSE_ID
c.Exchange.root = os.environ.get("COURSE_EXCHANGE", "/srv/nbgrader/exchange")
