"""Cross-entropy that picks logits[:, targets] (every sample's logit at every target, an (N, N) matrix) instead of one logit per sample."""
LOSES = {'test_ex4_cross_entropy_hidden', 'test_ex4_cross_entropy_visible'}
EDITS = {'ex4_cross_entropy': [('picked = logits.gather(1, targets.view(-1, 1)).squeeze(1)', 'picked = logits[:, targets]')]}
