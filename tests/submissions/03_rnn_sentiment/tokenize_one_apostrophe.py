"""A word may hold one apostrophe only (\\w+(?:'\\w+)?): "rock'n'roll" becomes "rock'n", "'", "roll"."""
LOSES = {"test_ex1_tokenize_hidden"}
EDITS = {"ex1_tokenize": [(r'''return re.findall(r"\w+(?:'\w+)*|[^\w\s]", text)''',
                           r'''return re.findall(r"\w+(?:'\w+)?|[^\w\s]", text)''')]}
