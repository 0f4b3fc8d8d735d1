"""The glossary of contested words: how each edition names what the two communities name apart.

Kosovo and Serbia read the same events in different words ("declaration of independence" or
"unilateral secession", "Kosovo" or "Kosovo and Metohija"), and each word takes a side. The
site's own voice stays neutral in every language, so which words it uses is an editorial
decision, written down once in `glossary.yml` at the project's root (a plugin setting
`glossary:` may name another file in the project) with the reason, in every edition's language:

    terms:
      - id: place
        concept: {en: The territory the site is about, sq: ..., sr: ...}
        reason: {en: ..., sq: ..., sr: ...}
        en: {use: [Kosovo], avoid: [Kosova, Kosovo and Metohija, Republic of Kosovo]}
        sq: {use: [Kosova, Kosovës], avoid: [Republika e Kosovës]}
        sr: {use: [Косово, Косова], avoid: [Косово и Метохија, КиМ]}

An avoided word is allowed in a quotation or when attributed; `wording.py` finds it anywhere
else, and `::: glossary` shows readers the table of their edition. Words are matched whole and as
written, so every declined form is listed (Kosovës, Kosovën); Serbian is written in Cyrillic and
its Latin edition is made from it (`translations.py`), so `sr-Latn` is never a key here.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from site_builder.errors import ContentError, Problem, did_you_mean, display_path
from site_builder.formats.model import ID_PATTERN, _fail
from site_builder.formats.validation import validate
from site_builder.formats.yamlsource import Document, read_yaml
from site_builder.languages import current, translit
from site_builder.languages.translations import pick, written_in

FILE = "glossary.yml"
HINT = (
    f"write {FILE} at the project's root (see File formats in the editors' guide), or name it in mkdocs.yml: "
    "`plugins: [site-builder: {glossary: <file>}]`"
)
_LANGUAGE = re.compile(r"[a-z]{2,3}\Z")


def _word(value: str) -> str:
    if value != value.strip() or "\n" in value:
        raise _fail(f"'{value}' has spaces around it or a line break", "write the word or phrase on one line, trimmed")
    return value


Word = Annotated[str, Field(min_length=1), AfterValidator(_word)]
Text = Annotated[
    str | dict[str, Annotated[str, Field(min_length=1)]],
    Field(description="Text for readers: one string (English), or one per language: `{en: ..., sq: ..., sr: ...}`."),
]


class Words(BaseModel):
    """What one edition writes for a contested thing, and what it does not write in its own voice."""

    model_config = ConfigDict(extra="forbid", strict=True)

    use: list[Word] = Field(
        min_length=1,
        description="The words the site uses, every declined form a reader may meet: shown to readers, and "
        "offered by `check` in place of an avoided word.",
        examples=[["Kosova", "Kosovës", "Kosovën"]],
    )
    avoid: list[Word] = Field(
        default_factory=list,
        description="Words the site never uses in its own voice (a quotation, or a word attributed to who says "
        "it, is allowed): every declined form, since words are matched whole. `site-builder check` flags them.",
        examples=[["Kosovo and Metohija", "Republic of Kosovo"]],
    )
    names: list[Word] = Field(
        default_factory=list,
        description="Proper names that hold an avoided word and are not ours to change (an outlet's, a party's): "
        "never flagged, and not shown to readers.",
        examples=[["Radio Kosova e Lirë"]],
    )


class Term(BaseModel):
    """One contested thing: what it is, why each edition says what it says, and each edition's words
    under its language's code (`en:`, `sq:`, `sr:`).
    """

    model_config = ConfigDict(extra="allow", strict=True)
    __pydantic_extra__: dict[str, Words] = Field(init=False)

    id: str = Field(pattern=ID_PATTERN, description="The term's id, for `check`'s messages.", examples=["place"])
    concept: Text = Field(description="What the words name, in every language the term has words for.")
    reason: Text = Field(description="Why each edition says what it says, in every language it has words for.")

    @model_validator(mode="after")
    def _languages(self) -> Term:
        languages = set(self.__pydantic_extra__ or {})
        for key in sorted(languages):
            if not _LANGUAGE.match(key):
                hint = (
                    "write Serbian under `sr:`, in Cyrillic: the Latin edition is made from it"
                    if current.base(key) in languages or key.lower().startswith("sr")
                    else "a term's keys are id, concept, reason and a language's code (en, sq, sr)"
                )
                raise _fail(f"`{key}` is not a language's code", hint)
        if not languages:
            raise _fail(f"term '{self.id}' gives no language's words", "add `en: {use: [...], avoid: [...]}`")
        for name in ("concept", "reason"):
            missing = sorted(languages - written_in(getattr(self, name)))
            if missing:
                raise _fail(
                    f"term '{self.id}': `{name}` is not written in {', '.join(missing)}",
                    f"write `{name}` in every language the term has words for: "
                    + ", ".join(f"{code}: ..." for code in sorted(languages)),
                )
        return self

    def words(self, language: str) -> Words | None:
        """The edition's words; Serbian in Latin script is the Cyrillic transliterated."""
        words = (self.__pydantic_extra__ or {}).get(current.base(language))
        if words is None or not current.is_latin_of_cyrillic(language):
            return words
        latin = lambda values: [translit.to_latin(value) for value in values]  # noqa: E731
        return Words(use=latin(words.use), avoid=latin(words.avoid), names=latin(words.names))

    @property
    def languages(self) -> set[str]:
        return set(self.__pydantic_extra__ or {})


class GlossaryFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    terms: list[Term] = Field(min_length=1, description="The contested things, one term each.")

    @model_validator(mode="after")
    def _unique(self) -> GlossaryFile:
        seen = set()
        for term in self.terms:
            if term.id in seen:
                raise _fail(f"two terms have the id '{term.id}'", "give each term an id of its own")
            seen.add(term.id)
        return self


@dataclass(frozen=True)
class Row:
    """One term as readers of an edition see it."""

    id: str
    concept: str
    use: list[str]
    avoid: list[str]
    reason: str


@dataclass(frozen=True, eq=False)  # one glossary is one version of its file: compared, and cached, as itself
class Glossary:
    display: str  # the file, as problems name it
    terms: tuple[Term, ...]
    document: Document

    @classmethod
    def load(cls, path: Path, display: str | None = None) -> Glossary:
        """Read and check the glossary; `ContentError` with every problem, at file:line."""
        document = read_yaml(path, display or path.name)
        model, problems = validate(GlossaryFile, document)
        if problems:
            raise ContentError([_words_hint(problem) for problem in problems])
        return cls(document.path, tuple(model.terms), document)

    def rows(self, language: str | None = None) -> list[Row]:
        """The table an edition shows readers, in its language (default: the one being made)."""
        language = language or current.language()
        rows = []
        for term in self.terms:
            words = term.words(language)
            if words is not None:
                concept, reason = pick(term.concept, language), pick(term.reason, language)
                rows.append(Row(term.id, concept or "", words.use, words.avoid, reason or ""))
        return rows

    def language_problems(self, languages: list[str]) -> list[Problem]:
        """A term with no words for a language the site publishes in: that edition would say anything."""
        problems = []
        for index, term in enumerate(self.terms):
            bases = dict.fromkeys(current.base(language) for language in languages)
            missing = [code for code in bases if term.words(code) is None]
            if missing:
                problems.append(
                    self.document.problem(
                        ("terms", index),
                        f"term '{term.id}' has no words for {', '.join(missing)}, a language the site is published in",
                        "add "
                        + ", ".join(f"`{code}: {{use: [...], avoid: [...]}}`" for code in missing)
                        + " and the concept and reason in that language",
                    )
                )
        return problems

    def where(self, index: int) -> tuple[int | None, int | None]:
        return self.document.where(("terms", index))


_WORDS_KEY = re.compile(r"terms\[\d+\]\.[a-z]{2,3}\.(?P<key>[^.]+)\Z")


def _words_hint(problem: Problem) -> Problem:
    """An unknown key among a language's words: the keys a language's words may have (pydantic's
    errors name the term's keys there, since a language is an extra key of the term).
    """
    found = _WORDS_KEY.match(problem.field)
    if not found or not problem.message.startswith("unknown key"):
        return problem
    hint = did_you_mean(found["key"], Words.model_fields)
    return Problem(problem.path, problem.message, problem.line, problem.column, problem.field, hint)


def glossary_path(site) -> tuple[Path | None, Problem | None]:
    """Where the site's glossary is (`SiteConfig`): the plugin's `glossary:` setting, or glossary.yml at the
    root; (None, None) when there is none, and a problem when the setting names a file not in the project.
    """
    setting = site.plugin.get("glossary")
    if setting is not None and (not isinstance(setting, str) or not setting.strip()):
        return None, Problem(site.display, "the plugin's `glossary:` setting must be a file name", field="glossary")
    path = (site.root / (setting or FILE)).resolve()
    if not path.is_relative_to(site.root.resolve()):
        return None, Problem(
            site.display,
            f"`glossary: {setting}` is outside the project: only the project's own files are read",
            field="glossary",
            hint=f"copy the file into the project and write `glossary: {FILE}`",
        )
    if not path.is_file():
        if setting is None:
            return None, None
        hint = "write the file's path from the project's root"
        return None, Problem(site.display, f"`glossary: {setting}`: no such file", field="glossary", hint=hint)
    return path, None


def of_site(site) -> Glossary | None:
    """The site's glossary, read once for each version of its file; None when the site has none."""
    path, problem = glossary_path(site)
    if problem:
        raise ContentError([problem])
    if path is None:
        return None
    stat = path.stat()
    return _load(path, display_path(path, site.root), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _load(path: Path, display: str, mtime: int, size: int) -> Glossary:
    return Glossary.load(path, display)
