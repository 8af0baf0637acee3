"""evaluate that forgets model.eval(): dropout stays active, so the validation numbers are noisy and too low."""
LOSES = {"test_ex7_evaluate_visible", "test_ex7_evaluate_hidden"}
CELLS = {"ex7_evaluate": '''
def evaluate(model: nn.Module, batches, loss_fn, device: torch.device | str) -> tuple[float, float]:
    total_loss, correct, seen = 0.0, 0, 0
    with torch.no_grad():
        for x, y in batches:
            x, y = x.to(device), y.to(device)
            logits = model(x)
            total_loss += loss_fn(logits, y).item() * len(y)
            correct += int((logits.argmax(dim=1) == y).sum())
            seen += len(y)
    return total_loss / seen, correct / seen
'''}
