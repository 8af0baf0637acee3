"""Cross-entropy as -log(softmax(z))[target] in two steps: log 0 = -inf once a probability underflows."""
LOSES = {'test_ex4_cross_entropy_hidden'}
CELLS = {"ex4_cross_entropy": '''
def cross_entropy(logits, targets):
    probabilities = softmax(logits)
    return -torch.log(probabilities[torch.arange(len(targets)), targets]).mean()
'''}
