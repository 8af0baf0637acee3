"""The notebook is a symbolic link (here to a system file): never followed."""
STATUS, WORDS, MARKS = "not graded", "symbolic link", "none"


def make(path, notebook):
    path.symlink_to("/etc/passwd")
