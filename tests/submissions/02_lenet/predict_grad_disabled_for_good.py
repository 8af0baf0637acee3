"""Gradients switched off with torch.set_grad_enabled(False) on its own line: no graph during predict, but
none either for the rest of the notebook (training included)."""
LOSES = {"test_ex7_predict_hidden"}
CELLS = {"ex7_predict": '''
def predict(model, images, batch_size=1000):
    model.eval()
    torch.set_grad_enabled(False)
    device = next(model.parameters()).device
    outputs = [model(images[s:s + batch_size].to(device)).cpu() for s in range(0, len(images), batch_size)]
    return torch.cat(outputs)
'''}
