"""Alternative (full marks): the three tag spellings replaced one by one, words and marks matched with explicit character classes."""
LOSES: set[str] = set()
CELLS = {"ex1_tokenize": r'''
def tokenize(text: str) -> list[str]:
    text = text.lower()
    for tag in ("<br />", "<br/>", "<br>"):
        text = text.replace(tag, " ")
    word = r"[a-z0-9]+(?:'[a-z0-9]+)*"
    return re.findall(word + r"|[^a-z0-9\s]", text)
'''}
