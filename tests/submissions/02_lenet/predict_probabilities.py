"""predict returns softmax probabilities where the docstring asks for logits."""
LOSES = {"test_ex7_predict_visible", "test_ex7_predict_hidden"}
EDITS = {"ex7_predict": [("return torch.cat(outputs)", "return torch.cat(outputs).softmax(dim=1)")]}
