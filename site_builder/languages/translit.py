"""Serbian from Cyrillic to Latin script (Gaj's alphabet), mechanically.

Serbian is written in both scripts and the mapping from Cyrillic is one to one (three letters
become two: љ lj, њ nj, џ dž), so the Latin edition is made from the Cyrillic one and never
edited by hand. The other direction is not mechanical (is "nj" one letter or two, as in
"injekcija"? foreign names and URLs would be turned too), which is why editors write Cyrillic.
Text in any other script (English, Albanian, a quotation in Latin letters) passes through as it is.
"""

from __future__ import annotations

_LETTERS = dict(
    zip(
        "абвгдђежзијклљмнњопрстћуфхцчџш",
        "a b v g d đ e ž z i j k l lj m n nj o p r s t ć u f h c č dž š".split(),
        strict=True,
    )
)
_LETTERS |= {upper.upper(): latin.capitalize() for upper, latin in _LETTERS.items()}
_DIGRAPHS = {"Љ": "LJ", "Њ": "NJ", "Џ": "DŽ"}  # in a word written in capitals


def to_latin(text: str) -> str:
    """`text` with every Serbian Cyrillic letter in Latin script: "Косово и Метохија" -> "Kosovo i Metohija"."""
    if not any("\u0400" <= char <= "\u04ff" for char in text):
        return text
    out = []
    for index, char in enumerate(text):
        if char in _DIGRAPHS and _in_capitals(text, index):
            out.append(_DIGRAPHS[char])
        else:
            out.append(_LETTERS.get(char, char))
    return "".join(out)


def _in_capitals(text: str, index: int) -> bool:
    """Whether the letter at `index` stands in a word of capitals ("ЉУБАВ" -> "LJUBAV", "Љубав" -> "Ljubav")."""
    after = text[index + 1] if index + 1 < len(text) else ""
    before = text[index - 1] if index else ""
    if after.isalpha():
        return after.isupper()
    return before.isalpha() and before.isupper()
