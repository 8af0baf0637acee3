"""Instructor-side tools around nbgrader: a scratch course, submissions, marks, grades, feedback.

Students never import this package; the notebooks import ``course_utils``.
"""
