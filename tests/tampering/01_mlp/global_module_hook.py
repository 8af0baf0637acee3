"""A global forward hook: every module's output, the tests' reference layers too, replaced."""
KIND = "a global module hook"
CELLS = {"ex1_vanilla_mlp": '''
from torch.nn.modules import module
module.register_module_forward_hook(lambda layer, inputs, output: torch.zeros_like(output))
'''}
FLAGGED = "ex1_vanilla_mlp"
