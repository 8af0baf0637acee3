"""train_model that steps the scheduler at the start of each epoch (the pre-1.1 PyTorch habit): the right number
of steps, but the first epoch already trains at the decayed learning rate."""
LOSES = {"test_ex7_train_model"}
EDITS = {"ex7_train_model": [("""        train_loss, train_acc = train_epoch(model, train_batches, loss_fn, optimizer, device)
        val_loss, val_acc = evaluate(model, val_batches, loss_fn, device)
        if scheduler is not None:
            scheduler.step()""", """        if scheduler is not None:
            scheduler.step()
        train_loss, train_acc = train_epoch(model, train_batches, loss_fn, optimizer, device)
        val_loss, val_acc = evaluate(model, val_batches, loss_fn, device)""")]}
