"""The tags replaced before lower-casing: "<BR />" (or "<Br>") is not matched and leaves "<", "br", "/", ">"."""
LOSES = {"test_ex1_tokenize_hidden"}
CELLS = {"ex1_tokenize": r'''
def tokenize(text: str) -> list[str]:
    text = re.sub(r"<br\s*/?>", " ", text).lower()
    return re.findall(r"\w+(?:'\w+)*|[^\w\s]", text)
'''}
