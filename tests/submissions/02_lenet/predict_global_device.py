"""Batches moved to the notebook's global DEVICE instead of the device of the model's parameters (the same
device on a CPU-only grader, the wrong one for a model kept elsewhere)."""
LOSES = {"test_ex7_predict_hidden"}
EDITS = {"ex7_predict": [("outputs.append(model(images[start : start + batch_size].to(device)).cpu())",
                          "outputs.append(model(images[start : start + batch_size].to(DEVICE)).cpu())")]}
