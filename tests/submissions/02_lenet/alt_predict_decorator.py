"""Alternative (full marks): @torch.no_grad() as a decorator, all the images moved to the model's device at
once, and the model's training mode restored afterwards."""
LOSES: set[str] = set()
CELLS = {"ex7_predict": '''
@torch.no_grad()
def predict(model, images, batch_size=1000):
    was_training = model.training
    model.eval()
    images = images.to(next(model.parameters()).device)
    logits = torch.cat([model(images[s:s + batch_size]) for s in range(0, len(images), batch_size)]).cpu()
    model.train(was_training)
    return logits
'''}
