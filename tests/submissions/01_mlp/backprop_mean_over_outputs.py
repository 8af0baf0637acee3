"""Backprop with the loss averaged over every entry (.mean(), 1/(N k)) instead of summed over the k outputs and averaged over the N samples."""
LOSES = {'test_ex5_backprop_hidden', 'test_ex5_backprop_visible'}
EDITS = {'ex5_backprop': [('loss = ((a - y) ** 2).sum() / n_samples', 'loss = ((a - y) ** 2).mean()'), ('d_a = 2 * (a - y) / n_samples', 'd_a = 2 * (a - y) / a.numel()')]}
