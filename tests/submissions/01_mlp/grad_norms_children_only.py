"""layer_gradient_norms over model.children(): the Linear layers inside a nested block are missed."""
LOSES = {'test_ex9_grad_norms_hidden'}
EDITS = {'ex9_grad_norms': [('for m in model.modules() if isinstance(m, nn.Linear)', 'for m in model.children() if isinstance(m, nn.Linear)')]}
