"""The notebook is a named pipe, which would block whoever reads it."""
import os

STATUS, WORDS, MARKS = "not graded", "not a regular file", "none"


def make(path, notebook):
    os.mkfifo(path)
