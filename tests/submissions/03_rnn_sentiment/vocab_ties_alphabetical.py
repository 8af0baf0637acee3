"""Tokens sorted by decreasing count, ties broken alphabetically instead of by first appearance."""
LOSES = {"test_ex1_vocab_hidden"}
EDITS = {"ex1_vocab": [("for token, count in counts.most_common():",
                        "for token, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):")]}
