"""The <br /> tags are filtered after splitting: their pieces '<', 'br', '/', '>' stay as tokens."""
LOSES = {'test_ex1_tokenize_hidden', 'test_ex1_tokenize_visible'}
CELLS = {
    'ex1_tokenize': r'''
def tokenize(text: str) -> list[str]:
    """Split a review into lower-case tokens: words and punctuation marks.

    - every HTML line break ``<br />`` (also written ``<br/>`` or ``<br>``) counts as a space;
    - a word is a run of letters or digits, with apostrophes allowed inside it (``don't``);
    - every other character that is not a space (``! , . ( ) ?`` ...) is a token of its own;
    - spaces are dropped, so an empty or blank text gives ``[]``.

    Example: tokenize("Great film!<br />I LOVED it.")
             == ["great", "film", "!", "i", "loved", "it", "."]
    """
    tokens = re.findall(r"\w+(?:'\w+)*|[^\w\s]", text.lower())
    return [token for token in tokens if token != "<br />"]
''',
}
