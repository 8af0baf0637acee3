"""The collapsed bias keeps only the second layer's bias: b' = c, the V b term forgotten."""
LOSES = {'test_ex2_collapse_linear_visible', 'test_ex2_collapse_linear_hidden'}
EDITS = {'ex2_collapse_linear': [('bias = fc2.weight @ fc1.bias + fc2.bias', 'bias = fc2.bias.clone()')]}
