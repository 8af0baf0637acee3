"""Prediction with gradient tracking on, the result detached afterwards: the graph is built for nothing."""
LOSES = {"test_ex6_predict_hidden"}
CELLS = {"ex6_predict": r'''
def predict_proba(model, ids, lengths):
    model.eval()
    device = next(model.parameters()).device
    logits = model(ids.to(device), lengths.to(device))
    return torch.sigmoid(logits).detach().cpu()
'''}
