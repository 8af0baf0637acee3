"""Apostrophes counted as letters ([\\w']+): a quote sticks to its word ("'titanic'", "actors'")."""
LOSES = {"test_ex1_tokenize_hidden"}
EDITS = {"ex1_tokenize": [(r'''return re.findall(r"\w+(?:'\w+)*|[^\w\s]", text)''',
                           r'''return re.findall(r"[\w']+|[^\w\s]", text)''')]}
