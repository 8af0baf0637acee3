"""Alternative (full marks): prediction over torch.split chunks, under torch.inference_mode."""
LOSES: set[str] = set()
CELLS = {"ex7_predict": '''
def predict(model, images, batch_size=1000):
    model.eval()
    device = next(iter(model.parameters())).device
    with torch.inference_mode():
        return torch.cat([model(chunk.to(device)).to("cpu") for chunk in torch.split(images, batch_size)])
'''}
