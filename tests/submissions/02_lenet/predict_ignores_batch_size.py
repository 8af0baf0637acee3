"""Prediction that sends all the images through the model at once, ignoring batch_size (same logits, no batching)."""
LOSES = {"test_ex7_predict_hidden"}
CELLS = {"ex7_predict": '''
def predict(model, images, batch_size=1000):
    model.eval()
    device = next(model.parameters()).device
    with torch.no_grad():
        return model(images.to(device)).cpu()
'''}
