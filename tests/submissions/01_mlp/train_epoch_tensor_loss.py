"""train_epoch that sums the loss tensors (no .item()): it returns a tensor and keeps every batch's graph alive."""
LOSES = {'test_ex7_train_epoch_visible'}
EDITS = {'ex7_train_epoch': [('total_loss += loss.item() * len(y)', 'total_loss = total_loss + loss * len(y)')]}
