"""Words and punctuation split with \\w+|[^\\w\\s]: the apostrophe of "don't" cuts it into "don", "'", "t"."""
LOSES = {"test_ex1_tokenize_visible", "test_ex1_tokenize_hidden"}
EDITS = {"ex1_tokenize": [(r'''return re.findall(r"\w+(?:'\w+)*|[^\w\s]", text)''',
                           r'''return re.findall(r"\w+|[^\w\s]", text)''')]}
