"""Only the spelling "<br />" is replaced: "<br/>" and "<br>" leave the tokens "<", "br", "/", ">"."""
LOSES = {"test_ex1_tokenize_hidden"}
CELLS = {"ex1_tokenize": r'''
def tokenize(text: str) -> list[str]:
    text = text.lower().replace("<br />", " ")
    return re.findall(r"\w+(?:'\w+)*|[^\w\s]", text)
'''}
