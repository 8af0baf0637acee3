"""Alternative (full marks): softmax as exp(z - logsumexp(z)) and cross-entropy through torch.logsumexp."""
LOSES: set[str] = set()
CELLS = {"ex4_softmax": '''
def softmax(z):
    return torch.exp(z - torch.logsumexp(z, dim=1, keepdim=True))
''', "ex4_cross_entropy": '''
def cross_entropy(logits, targets):
    log_probs = logits - torch.logsumexp(logits, dim=1, keepdim=True)
    return -log_probs[torch.arange(len(targets)), targets].mean()
'''}
