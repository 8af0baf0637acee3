"""The bag of embeddings sums the embeddings of a review instead of averaging them."""
LOSES = {"test_ex5_bag_hidden"}
EDITS = {"ex5_bag": [("mean = total / lengths.to(ids.device).clamp(min=1).unsqueeze(1)", "mean = total")]}
