"""nbgrader configuration of the course: the repository root is the course directory."""

import contextlib
import functools
import os
from pathlib import Path

import course_grader.course
import course_grader.policy
import course_grader.validation
import nbgrader.validator

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

ROOT = Path(__file__).resolve().parent

c.CourseDirectory.root = str(ROOT)
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "notebooks"
c.CourseDirectory.assignment_id = ""
c.CourseDirectory.course_id = course_grader.course.COURSE_ID
c.CourseDirectory.db_url = os.environ.get("COURSE_GRADEBOOK_URL", f"sqlite:///{ROOT / 'gradebook.db'}")

# Execute with the course's grading kernel: the Python nbgrader runs in ("python" in its spec
# means that interpreter), sandboxed and under resource limits (course_grader/kernel.py). Not
# the notebook's kernelspec ("tensorflow2"), which a grading machine may not have registered
# (NoSuchKernel). Its spec ships in course_grader/kernels/, found by the kernel manager below.
c.Execute.kernel_name = os.environ.get("COURSE_GRADING_KERNEL", "course-grading")
c.Execute.kernel_manager_class = "course_grader.kernel.GradingKernelManager"
os.environ.setdefault("COURSE_ROOT", str(ROOT))  # the sandbox hides this folder from students' code
c.Execute.timeout = int(os.environ.get("COURSE_CELL_TIMEOUT", "120"))
c.Execute.interrupt_on_timeout = True
# Once the last cell has run, nothing in the kernel is needed any more: kill it rather than wait
# ~2 s for a graceful exit (ipykernel's flushes and atexit hooks, then the ZeroMQ linger), which
# is a fifth of a submission's grading time.
c.Execute.shutdown_kernel = "immediate"
# Validate (the button and `make validate`) reports code-policy violations with their cell and line.
c.Execute.on_notebook_start = course_grader.validation.report_policy_violations
# Validate reads the notebook as grading does (old formats upgraded, lost nbgrader metadata and
# copied answer cells recovered, course_grader/intake.py) and says what it did, instead of failing
# with nbgrader's "Duplicate grade id" traceback. nbgrader's validator has no setting for how it
# reads a notebook: its module-level reader is replaced (nbgrader 0.9.6, validator.read_nb).
nbgrader.validator.read_nb = functools.partial(course_grader.validation.read_for_validation, course=ROOT)

# What students see in place of each solution.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}

# Release: drop instructor-only cells (the list of common mistakes) before anything else; give the
# release the kernel's full language_info, so that opening it in JupyterLab does not mark it modified.
c.GenerateAssignment.preprocessors = [
    "course_grader.preprocessors.RemoveInstructorCells",
    "course_grader.preprocessors.LockInstructorCells",
    "course_grader.preprocessors.CompleteLanguageInfo",
    "nbgrader.preprocessors.IncludeHeaderFooter",
    "nbgrader.preprocessors.InstantiateTests",
    "nbgrader.preprocessors.LockCells",
    "nbgrader.preprocessors.ClearSolutions",
    "nbgrader.preprocessors.ClearOutput",
    "course_grader.preprocessors.CheckCellMetadata",
    "nbgrader.preprocessors.ComputeChecksums",
    "nbgrader.preprocessors.SaveCells",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbgrader.preprocessors.ClearMarkScheme",
    "nbgrader.preprocessors.ComputeChecksums",
    "course_grader.preprocessors.CheckCellMetadata",
]
# Grading: only the student's answers come from the submission. The notebook that runs is the
# release with the answers in place, checked with the code policy (course_grader/answers.py);
# the executor tells the guarded kernel which cells are tests (course_grader/executor.py, guard.py).
c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "course_grader.preprocessors.KeepOnlyAnswers",
    "nbgrader.preprocessors.OverwriteCells",
    "course_grader.preprocessors.CheckCellMetadata",
]
c.Autograde.autograde_preprocessors = [
    "course_grader.executor.GuardedExecute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "course_grader.preprocessors.CheckCellMetadata",
]
c.KeepOnlyAnswers.course_root = str(ROOT)
# COURSE_CODE_POLICY=0 grades without the code policy: only for testing the layers below it alone.
c.KeepOnlyAnswers.check_policy = course_grader.policy.policy_enabled()

# Feedback: results and messages of hidden tests, never their code.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "course_grader.preprocessors.HideHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]

# nbgrader's exchange (release_assignment, fetch, submit, collect through a shared folder) serves a
# JupyterHub, whose administrator configures Exchange.root; JupyterHub sets JUPYTERHUB_API_TOKEN in
# every user's server. Elsewhere nbgrader's default, /usr/local/share/nbgrader/exchange, does not
# exist and the formgrader shows an error banner: a git-ignored folder of the course serves instead.
if "JUPYTERHUB_API_TOKEN" not in os.environ:
    EXCHANGE = ROOT / ".exchange"
    with contextlib.suppress(OSError):  # a read-only checkout: the formgrader then says the exchange is missing
        EXCHANGE.mkdir(exist_ok=True)  # nbgrader requires it to exist before it lists or releases
    c.Exchange.root = str(EXCHANGE)

# make collect: LMS file names start with the student id (see course_grader/collect.py).
c.FileNameCollectorPlugin.named_regexp = r".*/(?P<student_id>[^_/]+)_(?:[^/]*assignsubmission_file_)?(?P<file_id>[^/]+\.ipynb)$"
