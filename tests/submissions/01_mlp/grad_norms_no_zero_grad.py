"""layer_gradient_norms without clearing old gradients: a second call adds the new gradients to the old ones."""
LOSES = {'test_ex9_grad_norms_visible', 'test_ex9_grad_norms_hidden'}
EDITS = {'ex9_grad_norms': [('    model.zero_grad()\n', '')]}
