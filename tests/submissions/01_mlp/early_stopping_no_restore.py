"""Early stopping that stops at the right epoch but leaves the last weights instead of restoring the best ones."""
LOSES = {"test_ex10_early_stopping_visible", "test_ex10_early_stopping_hidden"}
CELLS = {"ex10_early_stopping": '''
class EarlyStopping:
    def __init__(self, patience: int = 3, min_delta: float = 0.0) -> None:
        self.patience, self.min_delta = patience, min_delta
        self.best_loss = float("inf")
        self.best_state = None
        self.bad_epochs = 0

    def step(self, val_loss: float, model: nn.Module) -> bool:
        if val_loss < self.best_loss - self.min_delta:
            self.best_loss, self.bad_epochs = val_loss, 0
            return False
        self.bad_epochs += 1
        return self.bad_epochs >= self.patience
'''}
