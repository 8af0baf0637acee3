"""Punctuation kept in runs ([^\\w\\s]+): "!!!" is one token instead of three."""
LOSES = {"test_ex1_tokenize_visible", "test_ex1_tokenize_hidden"}
EDITS = {"ex1_tokenize": [(r'''return re.findall(r"\w+(?:'\w+)*|[^\w\s]", text)''',
                           r'''return re.findall(r"\w+(?:'\w+)*|[^\w\s]+", text)''')]}
