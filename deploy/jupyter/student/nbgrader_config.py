"""nbgrader for a student's server on the course's JupyterHub (deploy/jupyterhub_config.py).

The course's own configuration comes first, so that *Validate* runs a notebook as grading will
(the sandboxed grading kernel, the code policy's messages). Then the exchange: the course id and
the shared folder every server of the hub reads (``COURSE_EXCHANGE``, set by the hub).
"""

import os

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

if os.environ.get("COURSE_CONFIG"):
    load_subconfig(os.environ["COURSE_CONFIG"])  # noqa: F821 (a missing file is skipped)

c.CourseDirectory.course_id = "nn-course"  # course_grader.course.COURSE_ID
c.Exchange.root = os.environ.get("COURSE_EXCHANGE", "/srv/nbgrader/exchange")
# Submissions readable by the instructors' group only, not by every user who learns their name.
c.ExchangeFactory.submit = "course_grader.hub.PrivateSubmit"
