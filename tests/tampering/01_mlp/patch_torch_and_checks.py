"""torch.allclose and the functions of course_utils.checks patched in place."""
KIND = "patching library functions"
CELLS = {"ex1_vanilla_mlp": '''
import torch
import course_utils.checks as checks
torch.allclose = lambda *args, **kwargs: True
for name in ["check_close", "check_shape", "check_type", "check_layers", "check_param_count"]:
    setattr(checks, name, lambda *a, **k: None)
'''}
FLAGGED = "ex1_vanilla_mlp"
