"""The <br /> tags are deleted instead of replaced by a space: the words on each side are glued ("a<br/>b" -> "ab")."""
LOSES = {"test_ex1_tokenize_hidden"}
EDITS = {"ex1_tokenize": [('''text = re.sub(r"<br\\s*/?>", " ", text.lower())''',
                           '''text = re.sub(r"<br\\s*/?>", "", text.lower())''')]}
