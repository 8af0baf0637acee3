"""Image captioning answered "many-to-many" (the pixels taken as a sequence), where one image gives a sentence: one-to-many."""
LOSES = {"test_ex6_types_hidden"}
EDITS = {"ex6_types": [('"image captioning (an image in, a sentence out)": "one-to-many",',
                        '"image captioning (an image in, a sentence out)": "many-to-many",')]}
