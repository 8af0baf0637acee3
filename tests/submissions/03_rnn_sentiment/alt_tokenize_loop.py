"""Alternative (full marks): a character loop instead of a regular expression for the words."""
LOSES: set[str] = set()
CELLS = {"ex1_tokenize": r'''
def tokenize(text: str) -> list[str]:
    text = re.sub(r"<br\s*/?>", " ", text.lower())
    tokens, word = [], ""
    for i, char in enumerate(text):
        inside = char == "'" and word and i + 1 < len(text) and text[i + 1].isalnum()
        if char.isalnum() or inside:
            word += char
            continue
        if word:
            tokens.append(word)
            word = ""
        if not char.isspace():
            tokens.append(char)
    if word:
        tokens.append(word)
    return tokens
'''}
