"""Warm-up answered with formula 3, the gradient at the new point w^t (unknown when the step is taken)."""
LOSES = {'test_ex5_warmup'}
EDITS = {'ex5_warmup': [('WARMUP_ANSWER = 2', 'WARMUP_ANSWER = 3')]}
