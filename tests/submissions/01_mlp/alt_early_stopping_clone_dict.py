"""Alternative (full marks): early stopping that keeps {name: tensor.clone()} of the state dict and counts epochs since the best one."""
LOSES: set[str] = set()
CELLS = {"ex10_early_stopping": '''
class EarlyStopping:
    def __init__(self, patience=3, min_delta=0.0):
        self.patience, self.min_delta = patience, min_delta
        self.best_loss = float("inf")
        self.best_state = None
        self.epoch, self.best_epoch = 0, 0

    def step(self, val_loss, model):
        self.epoch += 1
        if self.best_loss - val_loss > self.min_delta:
            self.best_loss, self.best_epoch = val_loss, self.epoch
            self.best_state = {name: t.detach().clone() for name, t in model.state_dict().items()}
        elif self.epoch - self.best_epoch >= self.patience:
            model.load_state_dict(self.best_state)
            return True
        return False
'''}
