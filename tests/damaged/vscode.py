"""Saved by VS Code: its own notebook and cell metadata, another kernelspec, sources as one string."""
from _helpers import write

STATUS, WORDS, MARKS = "graded", "all tests passed", "full"


def make(path, notebook):
    notebook["metadata"]["kernelspec"] = {"display_name": ".venv (Python 3.11.7)", "language": "python", "name": "python3"}
    notebook["metadata"]["vscode"] = {"interpreter": {"hash": "4f5d0b2a" * 8}}
    for cell in notebook["cells"]:
        cell["source"] = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "code":
            cell["metadata"]["vscode"] = {"languageId": "python"}
    write(path, notebook)
