"""evaluate that weights the loss per sample but averages the per-batch accuracies: a smaller last batch weighs as
much as a full one."""
LOSES = {"test_ex7_evaluate_hidden"}
CELLS = {"ex7_evaluate": '''
def evaluate(model, batches, loss_fn, device):
    model.eval()
    total_loss, accuracies, seen = 0.0, [], 0
    with torch.no_grad():
        for x, y in batches:
            x, y = x.to(device), y.to(device)
            logits = model(x)
            total_loss += loss_fn(logits, y).item() * len(y)
            accuracies.append((logits.argmax(dim=1) == y).float().mean().item())
            seen += len(y)
    return total_loss / seen, sum(accuracies) / len(accuracies)
'''}
