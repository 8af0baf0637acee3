"""train_epoch that averages the batch means, so a smaller last batch weighs as much as a full one."""
LOSES = {'test_ex7_train_epoch_hidden'}
EDITS = {'ex7_train_epoch': [('total_loss += loss.item() * len(y)', 'total_loss += loss.item()'), ('return total_loss / seen, correct / seen', 'return total_loss / len(batches), correct / seen')]}
