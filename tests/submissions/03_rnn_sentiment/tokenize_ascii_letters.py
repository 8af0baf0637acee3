"""Words matched with the ASCII classes [a-z0-9]: an accented letter is cut out of its word ("café" gives "caf", "é")."""
LOSES = {"test_ex1_tokenize_hidden"}
CELLS = {"ex1_tokenize": r'''
def tokenize(text: str) -> list[str]:
    text = text.lower()
    for tag in ("<br />", "<br/>", "<br>"):
        text = text.replace(tag, " ")
    word = r"[a-z0-9]+(?:'[a-z0-9]+)*"
    return re.findall(word + r"|[^a-z0-9\s]", text)
'''}
