"""Evaluation without torch.no_grad() whose logits are detached afterwards: requires_grad is False, but every
forward pass has built (and thrown away) a computation graph."""
LOSES = {"test_ex7_predict_hidden"}
CELLS = {"ex7_predict": '''
def predict(model, images, batch_size=1000):
    model.eval()
    device = next(model.parameters()).device
    outputs = []
    for start in range(0, len(images), batch_size):
        outputs.append(model(images[start:start + batch_size].to(device)).detach().cpu())
    return torch.cat(outputs)
'''}
