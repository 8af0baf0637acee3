"""evaluate in eval mode but without torch.no_grad(): every forward pass builds a graph."""
LOSES = {'test_ex7_evaluate_hidden'}
CELLS = {"ex7_evaluate": '''
def evaluate(model, batches, loss_fn, device):
    model.eval()
    total_loss, correct, seen = 0.0, 0, 0
    for x, y in batches:
        x, y = x.to(device), y.to(device)
        logits = model(x)
        total_loss += loss_fn(logits, y).item() * len(y)
        correct += int((logits.argmax(dim=1) == y).sum())
        seen += len(y)
    return total_loss / seen, correct / seen
'''}
