"""Alternative (full marks): evaluate under torch.inference_mode(), counting with tensors converted at the end."""
LOSES: set[str] = set()
CELLS = {"ex7_evaluate": '''
def evaluate(model, batches, loss_fn, device):
    model.eval()
    losses, hits, sizes = [], [], []
    with torch.inference_mode():
        for x, y in batches:
            x, y = x.to(device), y.to(device)
            logits = model(x)
            losses.append(loss_fn(logits, y) * len(y))
            hits.append((logits.argmax(dim=1) == y).sum())
            sizes.append(len(y))
    n = sum(sizes)
    return float(torch.stack(losses).sum()) / n, float(torch.stack(hits).sum()) / n
'''}
