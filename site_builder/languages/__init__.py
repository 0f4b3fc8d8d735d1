"""Languages: one project, several editions (English, Albanian, Serbian in two scripts).

What differs between editions lives here, apart from the formats and the figures, so that the
rest of the core reads plain strings in the edition's language:

- `editions.py`: the site's editions, as Material's language switcher (`extra.alternate`) lists them;
- `current.py`: the language the build is making text in now;
- `translations.py`: a text an editor wrote in several languages, and the pick of one;
- `messages.py` + `catalogs/`: our own words (buttons, headings, generated sentences) in each language;
- `translit.py`: Serbian from Cyrillic to Latin script, mechanically.
"""
