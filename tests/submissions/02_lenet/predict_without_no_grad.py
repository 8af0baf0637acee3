"""Evaluation without torch.no_grad(): every forward pass builds a computation graph."""
LOSES = {"test_ex7_predict_hidden"}
CELLS = {"ex7_predict": '''
def predict(model, images, batch_size=1000):
    model.eval()
    device = next(model.parameters()).device
    outputs = []
    for start in range(0, len(images), batch_size):
        outputs.append(model(images[start:start + batch_size].to(device)).cpu())
    return torch.cat(outputs)
'''}
