"""An optional apostrophe inside or after a word (\\w+'?\\w*): "actors'" keeps its quote, "'titanic'" becomes "'", "titanic'"."""
LOSES = {"test_ex1_tokenize_hidden"}
CELLS = {"ex1_tokenize": r'''
def tokenize(text: str) -> list[str]:
    text = text.lower()
    for tag in ("<br />", "<br/>", "<br>"):
        text = text.replace(tag, " ")
    return re.findall(r"\w+'?\w*|[^\w\s]", text)
'''}
