"""The L2 penalty with the norm ||W||_2 (torch.norm) instead of its square."""
LOSES = {'test_ex10_penalty_visible', 'test_ex10_penalty_hidden'}
EDITS = {'ex10_penalty': [('m.weight.abs().pow(p).sum()', 'm.weight.norm(p=p)')]}
