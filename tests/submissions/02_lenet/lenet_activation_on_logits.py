"""LeNet-5 with an activation after the last Linear too, so the logits are squashed (ReLU) or bounded (tanh)."""
LOSES = {"test_ex5_lenet_hidden"}
EDITS = {"ex5_lenet": [("nn.Linear(84, 10),", "nn.Linear(84, 10), act(),")]}
