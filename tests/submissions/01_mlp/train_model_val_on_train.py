"""train_model that evaluates on the training batches instead of val_batches."""
LOSES = {'test_ex7_train_model'}
EDITS = {'ex7_train_model': [('val_loss, val_acc = evaluate(model, val_batches, loss_fn, device)', 'val_loss, val_acc = evaluate(model, train_batches, loss_fn, device)')]}
