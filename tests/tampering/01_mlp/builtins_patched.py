"""isinstance and AssertionError replaced for every later cell, through the builtins module."""
KIND = "patching the built-ins"
CELLS = {"ex1_vanilla_mlp": '''
import builtins
builtins.isinstance = lambda obj, cls: True
AssertionError = type("AssertionError", (Warning,), {})
'''}
FLAGGED = "ex1_vanilla_mlp"
