"""Code hidden in a string annotation, run by typing.get_type_hints (an eval in disguise)."""
KIND = "code run from a string annotation"
CELLS = {"ex1_vanilla_mlp": '''
import typing

def helper(x: "exec('import course_utils.checks as c; c.check_close = print') or int"):
    pass

typing.get_type_hints(helper)
'''}
FLAGGED = "ex1_vanilla_mlp"
