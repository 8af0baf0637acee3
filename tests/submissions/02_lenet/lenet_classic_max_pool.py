"""The classic LeNet-5 pools with the maximum instead of LeCun's average (subsampling)."""
LOSES = {"test_ex5_lenet_hidden"}
EDITS = {"ex5_lenet": [("pool = nn.AvgPool2d if classic else nn.MaxPool2d", "pool = nn.MaxPool2d")]}
