"""Alternative (full marks): the loop checks early stopping before it steps the scheduler."""
LOSES: set[str] = set()
CELLS = {"ex7_train_model": '''
def train_model(model, train_batches, val_batches, loss_fn, optimizer, epochs, device, scheduler=None,
                early_stopping=None, verbose=True):
    model.to(device)
    history = {"train_loss": [], "train_acc": [], "val_loss": [], "val_acc": []}
    for epoch in progress(range(epochs), desc="epochs"):
        train_loss, train_acc = train_epoch(model, train_batches, loss_fn, optimizer, device)
        val_loss, val_acc = evaluate(model, val_batches, loss_fn, device)
        history["train_loss"].append(train_loss)
        history["train_acc"].append(train_acc)
        history["val_loss"].append(val_loss)
        history["val_acc"].append(val_acc)
        if verbose:
            print(epoch, train_loss, val_loss)
        if early_stopping is not None and early_stopping.step(val_loss, model):
            break
        if scheduler is not None:
            scheduler.step()
    return history
'''}
