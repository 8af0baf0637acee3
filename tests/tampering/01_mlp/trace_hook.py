"""A trace hook that skips the rest of a test's frame once a check is called."""
KIND = "trace hook"
CELLS = {"ex1_vanilla_mlp": '''
import sys

def tracer(frame, event, arg):
    if event == "call" and frame.f_code.co_name.startswith("check_"):
        raise SystemExit
    return tracer

sys.settrace(tracer)
'''}
FLAGGED = "ex1_vanilla_mlp"
