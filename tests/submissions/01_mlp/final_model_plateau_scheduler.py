"""configure_training with ReduceLROnPlateau, which train_model cannot step with scheduler.step() (it needs the validation loss)."""
LOSES = {'test_ex11_final_model'}
EDITS = {'ex11_final_model': [('return optimizer, torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=epochs)', 'return optimizer, torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, patience=2)')]}
