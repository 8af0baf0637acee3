"""model.eval written without its parentheses: nothing is called, dropout stays on."""
LOSES = {"test_ex6_predict_hidden"}
EDITS = {"ex6_predict": [("    model.eval()\n", "    model.eval\n")]}
