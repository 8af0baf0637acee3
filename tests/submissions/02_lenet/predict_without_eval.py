"""Evaluation without model.eval(): dropout keeps dropping and batch norm uses the batch's statistics."""
LOSES = {"test_ex7_predict_visible", "test_ex7_predict_hidden"}
CELLS = {"ex7_predict": '''
def predict(model, images, batch_size=1000):
    device = next(model.parameters()).device
    outputs = []
    with torch.no_grad():
        for start in range(0, len(images), batch_size):
            outputs.append(model(images[start:start + batch_size].to(device)).cpu())
    return torch.cat(outputs)
'''}
