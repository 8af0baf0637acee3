"""Alternative (full marks): the three tag spellings replaced one by one, an inside apostrophe matched with lookarounds."""
LOSES: set[str] = set()
CELLS = {"ex1_tokenize": r'''
def tokenize(text: str) -> list[str]:
    text = text.lower()
    for tag in ("<br />", "<br/>", "<br>"):
        text = text.replace(tag, " ")
    return re.findall(r"(?:\w|(?<=\w)'(?=\w))+|[^\w\s]", text)
'''}
