"""The L1 penalty as sum(w ** p) without absolute values: negative weights lower the penalty."""
LOSES = {'test_ex10_penalty_hidden'}
EDITS = {'ex10_penalty': [('m.weight.abs().pow(p).sum()', 'm.weight.pow(p).sum()')]}
