"""Saved by Google Colab: nbformat 4.0, cell metadata replaced by Colab's own (nbgrader's ids lost)."""
from _helpers import write

STATUS, WORDS, MARKS = "graded", "lost its nbgrader metadata", "full"


def make(path, notebook):
    notebook["nbformat_minor"] = 0
    notebook["metadata"] = {"colab": {"provenance": [], "name": path.name}, "accelerator": "GPU",
                            "kernelspec": {"name": "python3", "display_name": "Python 3"},
                            "language_info": {"name": "python"}}
    for n, cell in enumerate(notebook["cells"]):
        cell.pop("id", None)
        cell["metadata"] = {"id": f"c{n:06d}X"} | ({"colab": {"base_uri": "https://localhost:8080/"}}
                                                  if cell["cell_type"] == "code" else {})
    write(path, notebook)
