"""Helpers shared by the course notebooks: data, device, seeds, grading budget, plots, checks.

Each module has one job; notebooks import what they need, e.g.::

    from course_utils.seed import seed_everything
    from course_utils.device import pick_device
    from course_utils.budget import get_budget
"""

__version__ = "0.1.0"
