"""Alternative (full marks): predictions under torch.inference_mode, the probability as 1 / (1 + e^-z)."""
LOSES: set[str] = set()
CELLS = {"ex6_predict": '''
def predict_proba(model, ids, lengths):
    model.train(False)
    device = next(iter(model.parameters())).device
    with torch.inference_mode():
        logits = model(ids.to(device), lengths.to(device))
    return (1 / (1 + torch.exp(-logits))).to("cpu")
'''}
