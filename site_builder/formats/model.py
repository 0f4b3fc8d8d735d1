"""The file formats, as pydantic models: the one place their rules live.

The same models validate files, generate the JSON Schemas editors' tools autocomplete from
(`site-builder schema`), and generate the field reference in the "For editors" pages, so the
docs and the checks cannot drift apart. Models are strict: a value of the wrong type is an error,
never quietly converted, and unknown keys are refused.

Record values are not modelled here (their fields are declared per dataset): see `fieldtypes.py`.
Pydantic's errors are worded for editors, and located in the file, in `validation.py`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, ClassVar, Literal
from urllib.parse import urlsplit

from babel import Locale
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from site_builder.errors import date_hint, did_you_mean
from site_builder.languages import current
from site_builder.languages.translations import Translations

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
RESERVED_RECORD_KEYS = ("source", "confidence", "note", "editor_note")


def _fail(message: str, hint: str = "", key: str | None = None) -> PydanticCustomError:
    """A refusal worded for editors; `key`: the key of the mapping it is about (the problem points at its line)."""
    return PydanticCustomError("site_builder", message, {"hint": hint, **({"key": key} if key else {})})


_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z", re.ASCII)  # ASCII digits, no trailing newline


def check_partial_date(value: str) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD, and a date that exists. Kept as the text written."""
    match = _PARTIAL_DATE.match(value)
    if not match:
        raise _fail(
            f"expected a date written YYYY, YYYY-MM or YYYY-MM-DD, got '{value}'",
            date_hint(value),
        )
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        date(year, month, day)
    except ValueError:
        raise _fail(f"'{value}' is not a real date", date_hint(value)) from None
    return value


def check_full_date(value: str) -> str:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value, re.ASCII):
        raise _fail(f"expected a full date YYYY-MM-DD, got '{value}'", date_hint(value, full=True))
    return check_partial_date(value)


def check_url(value: str) -> str:
    """Only web links: a `javascript:` or `file:` URL in a source would reach readers' browsers."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        raise _fail(
            f"expected a web address starting with http:// or https://, got '{value}'",
            "copy the address from the browser's address bar",
        )
    return value


# What a browser draws exactly: JavaScript's numbers are doubles, so integers beyond
# Number.MAX_SAFE_INTEGER are rounded there (9007199254740993 would be drawn 9007199254740992); and
# numbers far from the float range (1.8e308), so that the totals, differences and axis ranges made
# from up to a million values stay finite.
SAFE_INTEGER = 2**53 - 1
LARGEST_NUMBER = 1e300


def number_problem(value: int | float) -> tuple[str, str] | None:
    """Why a number cannot be published (message, hint), or None: the one rule for record values
    (`fieldtypes.py`) and the fields' `min` and `max`.
    """
    if isinstance(value, int) and abs(value) > SAFE_INTEGER:
        return (
            f"{_short(value)} ({len(str(abs(value)))} digits) is beyond the integers a browser can show exactly "
            f"(up to {SAFE_INTEGER:,})",
            "check the figure; write it in a larger unit (thousands, millions) and say so in the field's `unit`, "
            "or, in a `type: number` field, as a decimal such as 1.5e20 if it is an estimate",
        )
    if isinstance(value, float) and not abs(value) <= LARGEST_NUMBER:  # also NaN
        return (
            f"{value} is beyond the numbers a chart can draw (up to {LARGEST_NUMBER:g} either side of zero)",
            "check the figure; write it in a larger unit and say so in the field's `unit`",
        )
    return None


def _short(value: int) -> str:
    text = str(value)  # under Python's 4,300 digits: YAML keeps longer ones as text
    return text if len(text) <= 30 else f"{text[:12]}...{text[-6:]}"


def check_number(value: int | float) -> int | float:
    if (wrong := number_problem(value)) is not None:
        raise _fail(*wrong)
    return value


PartialDate = Annotated[
    str, AfterValidator(check_partial_date), Field(json_schema_extra={"pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"})
]
FullDate = Annotated[str, AfterValidator(check_full_date), Field(json_schema_extra={"pattern": r"^\d{4}-\d{2}-\d{2}$"})]
WebURL = Annotated[str, AfterValidator(check_url), Field(json_schema_extra={"pattern": "^https?://", "format": "uri"})]
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=64)]
PublishedText = Annotated[str, Field(min_length=1, max_length=5000)]  # as published: never translated
Bound = Annotated[int | float, AfterValidator(check_number)]


# Texts readers see, in one language or several. A plain string is the source language's (English);
# a mapping gives a text per language the site publishes (`languages/translations.py`). Which
# languages those are is the site's (`extra.alternate` in mkdocs.yml), so the loaders pass them in
# pydantic's validation context (`LANGUAGES`); without one, a project publishes English alone.
LANGUAGES = "languages"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"


def language_name(code: str, with_code: bool = True) -> str:
    """How messages name a language, "Serbian (sr)": an editor sees the word and the key to write.
    The name is CLDR's, in English (Babel's), so a site in any language gets its name right.
    """
    name = _ENGLISH.languages.get(current.babel_locale(code)) or _ENGLISH.languages.get(current.base(code))
    if not with_code:
        return name or code
    return f"{name} ({code})" if name else f"`{code}`"


_ENGLISH = Locale.parse(current.SOURCE)


def site_languages(info: ValidationInfo | None) -> tuple[str, ...]:
    """The languages texts may be written in, from the validation context (English alone by default)."""
    languages = (info.context or {}).get(LANGUAGES) if info is not None else None
    return tuple(languages) if languages else (current.SOURCE,)


def language_problem(key: str, languages: tuple[str, ...]) -> tuple[str, str] | None:
    """Why `key` cannot be a language of a text (message, hint), or None: the one rule for every
    translatable text, record values included.
    """
    if key in languages:
        return None
    if current.is_latin_of_cyrillic(key):
        cyrillic = current.base(key)
        return (
            f"`{key}` is not written: the Latin {language_name(cyrillic, with_code=False)} text is made from "
            f"`{cyrillic}` by transliteration",
            f"write the text in Cyrillic under `{cyrillic}:`, once; the site shows it in both scripts",
        )
    where = "a text's languages are the site's editions, listed under `extra.alternate` in mkdocs.yml"
    close = did_you_mean(key, languages)
    return (
        f"`{key}` is not a language the site publishes ({', '.join(languages)})",
        f"{close} ({where})" if close.startswith("did you") else where,
    )


NO_SOURCE_TEXT = (
    f"no {language_name(current.SOURCE)} text: every text is written in English first, and translated from it",
    f"add `{current.SOURCE}: ...` under it, beside its translations",
)


def check_translations(value: str | dict[str, str], info: ValidationInfo) -> str | Translations:
    """A plain string stays one (English); a mapping becomes `Translations`, in the site's languages and with
    its English: the text a record's key and a correction name it by, and the one every translation is of.
    """
    if isinstance(value, str):
        return value
    languages = site_languages(info)
    for key in value:
        if (wrong := language_problem(key, languages)) is not None:
            raise _fail(*wrong, key=key)
    if current.SOURCE not in value:
        raise _fail(*NO_SOURCE_TEXT)
    return Translations(value)


def _plain(value: str | Translations) -> str | dict[str, str]:
    return dict(value) if isinstance(value, Translations) else value


def per_language_schema(max_length: int) -> dict:
    """The JSON Schema of a text written per language (which languages is the site's: `check` says)."""
    return {
        "type": "object",
        "description": "The text in each language the site publishes: `en` (required), and each translation "
        "(`sq`, `sr` in Cyrillic; Latin Serbian is made from it).",
        "propertyNames": {"pattern": LANGUAGE_PATTERN, "not": {"enum": ["sr-Latn"]}},
        "additionalProperties": {"type": "string", "minLength": 1, "maxLength": max_length},
        "required": [current.SOURCE],
        "minProperties": 1,
    }


def translatable(max_length: int) -> Any:
    """The type of a text readers see, of at most `max_length` characters in each language."""
    one = {"type": "string", "minLength": 1, "maxLength": max_length}
    written = Annotated[str, Field(min_length=1, max_length=max_length)]
    return Annotated[
        written | dict[str, written],
        AfterValidator(check_translations),
        PlainSerializer(_plain),
        WithJsonSchema({"anyOf": [one, per_language_schema(max_length)]}),
    ]


Text = translatable(5000)  # a text readers see: English, or a mapping of languages to text
Label = translatable(60)  # an event's label beside its line: short in every language


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Source(Strict):
    """Where figures come from. Field names follow Our World in Data's "origin" metadata."""

    id: Id = Field(description="How records refer to this source.", examples=["nato_kfor_2025"])
    producer: PublishedText = Field(
        description="Who publishes the source: an organisation, outlet or person.", examples=["NATO"]
    )
    title: PublishedText = Field(
        description="The title of the publication or page.", examples=["KFOR Key Facts and Figures"]
    )
    url_main: WebURL | None = Field(
        None, description="Its web address (http or https).", examples=["https://www.nato.int/"]
    )
    date_published: PartialDate | None = Field(
        None, description="When it was published: YYYY, YYYY-MM or YYYY-MM-DD.", examples=["2025-04"]
    )
    date_accessed: FullDate = Field(description="When it was read: YYYY-MM-DD.", examples=["2026-11-28"])
    citation_full: PublishedText | None = Field(
        None,
        description="The full citation, where the producer asks for one.",
        examples=["NATO (2025). KFOR Key Facts and Figures. Brussels: NATO."],
    )
    notes: Text | None = Field(
        None,
        description="Anything a reader should know about the source.",
        examples=["Figures rounded to the nearest hundred."],
    )


ColourName = Literal["blue", "vermillion", "green", "purple", "orange", "sky", "grey"]


class Category(Strict):
    value: Annotated[str, Field(min_length=1, max_length=100)] = Field(
        description="The value records use.", examples=["recognises"]
    )
    label: Text = Field(description="How readers see it, in legends and tables.", examples=["Recognises Kosovo"])
    color: ColourName | None = Field(
        None,
        description="Its colour in every chart, from the house palette (colour-blind "
        "safe); by default the category's place in the list picks one.",
        examples=["vermillion"],
    )
    contested: bool = Field(
        False,
        description="Whether the category is a claim one side disputes (e.g. a withdrawal of recognition "
        "Serbia claims and Kosovo denies): maps mark its states so they cannot be read as uncontested.",
        examples=[True],
    )


FieldType = Literal["text", "integer", "number", "date", "country", "category"]


class FieldSpec(Strict):
    """One column of a dataset's records."""

    type: FieldType = Field(
        description="What values look like: text, integer, number, date, country (ISO 3166-1 code) or category.",
        examples=["integer"],
    )
    title: Text = Field(description="The column's title, as readers see it.", examples=["Troops"])
    description: Text | None = Field(
        None,
        description="What the values mean.",
        examples=["Soldiers deployed at the date, all contributing nations together."],
    )
    unit: Text | None = Field(None, description="The unit, in words.", examples=["soldiers"])
    short_unit: Annotated[str, Field(max_length=20)] | None = Field(
        None, description="The unit's symbol.", examples=["%"]
    )
    names: Id | None = Field(
        None,
        description="For a text field that names what a country field codes (a country's name as the source "
        "lists it, beside its ISO code): that field. Every other edition shows the code's name in its own "
        "language, so these names are never translated by hand.",
        examples=["country"],
    )
    required: bool = Field(True, description="Whether every record must have a value.", examples=[False])
    min: Bound | None = Field(None, description="Smallest allowed value (integer and number fields).", examples=[0])
    max: Bound | None = Field(None, description="Largest allowed value (integer and number fields).", examples=[100000])
    categories: list[Category] | None = Field(
        None,
        description="The allowed values, in legend order (category fields).",
        min_length=1,
        examples=[[{"value": "recognises", "label": "Recognises Kosovo"}]],
    )

    @model_validator(mode="after")
    def _options_fit_type(self):
        if self.type == "category" and not self.categories:
            raise _fail(
                "a category field needs a list of categories",
                "add `categories:` with `- value: ...` and `label: ...` items",
            )
        if self.type != "category" and self.categories is not None:
            raise _fail(
                f"`categories` is only for category fields, not {self.type}",
                "remove `categories` or set `type: category`",
            )
        if self.type not in ("integer", "number") and (self.min is not None or self.max is not None):
            raise _fail(f"`min` and `max` are only for integer and number fields, not {self.type}")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise _fail(f"`min` ({self.min}) is above `max` ({self.max}): no value would be allowed", "swap the two")
        if self.categories:
            values = [c.value for c in self.categories]
            duplicates = sorted({v for v in values if values.count(v) > 1})
            if duplicates:
                raise _fail(f"category value '{duplicates[0]}' is listed twice")
        return self


KeyValue = str | int | float | None  # a record's value in a key or a correction: as written in the file
CORRECTABLE_RESERVED = ("source", "confidence")  # record keys besides fields that a correction may change
KEY_RESERVED = ("source",)  # record keys besides fields that a key may name


class Correction(Strict):
    """One change to a published record: which record, what changed, when and why.

    The record keeps its new value (the file always says what is published); the correction says
    what it said before, so that readers can see what changed and no figure is silently replaced.
    """

    date: FullDate = Field(description="When the correction was made: YYYY-MM-DD.", examples=["2026-12-01"])
    record: dict[Annotated[str, Field(min_length=1, max_length=100)], KeyValue] = Field(
        description="The record corrected, by the values of the dataset's `key:` fields as the record has them "
        "now (after the correction); a key field the record leaves empty may be left out. For a record "
        "removed, the values it had.",
        min_length=1,
        examples=[{"date": "2023-01-01", "source": "welt_2023"}],
    )
    change: Literal["value", "added", "removed"] = Field(
        "value",
        description="`value` (a field's value changed: give `field`, `old` and `new`), `added` (the record is "
        "new: it is in the file) or `removed` (the record was taken out of the file).",
        examples=["removed"],
    )
    field: Annotated[str, Field(min_length=1, max_length=100)] | None = Field(
        None,
        description="The field whose value changed: one of the dataset's fields, `source` or `confidence`.",
        examples=["troops"],
    )
    old: KeyValue = Field(
        None, description="The value before the correction (empty where the record had none).", examples=[3900]
    )
    new: KeyValue = Field(
        None,
        description="The value after it: what the record says now (empty where the value was taken out).",
        examples=[3800],
    )
    reason: Text = Field(
        description="Why, for readers: what was wrong and what the figure rests on now.",
        examples=["The figure was Die Welt's; Sputnik had relayed it."],
    )
    editor_notes: PublishedText | None = Field(
        None,
        description="Working notes for the editors (who found it, what was checked): never published.",
        examples=["Found while checking the January 2023 figures against the archived article."],
    )

    @model_validator(mode="after")
    def _change_has_its_keys(self):
        written = self.model_fields_set
        if self.change == "value":
            missing = [k for k in ("field", "old", "new") if k not in written]
            if missing:
                raise _fail(
                    "a correction of a value needs `field`, `old` and `new`: missing " + ", ".join(missing),
                    "write `field:` (the field changed), `old:` (what it said) and `new:` (what it says now); "
                    "for a record added or removed, write `change: added` or `change: removed` instead",
                )
            if self.old == self.new and type(self.old) is type(self.new):
                raise _fail(
                    f"`old` and `new` are the same ({self.old!r}): nothing was corrected",
                    "`new:` is what the record says now, `old:` what it said before the correction: "
                    "one of the two is not what you meant",
                )
        else:
            extra = [k for k in ("field", "old", "new") if k in written]
            if extra:
                raise _fail(
                    f"a record {self.change} has no " + ", ".join(f"`{k}`" for k in extra),
                    f"remove {', '.join(extra)}: `record:` names the record {self.change}, `reason:` says why",
                )
        return self


class Update(Strict):
    """An update to a dataset that corrects nothing (new figures, a new source), dated for the feed."""

    date: FullDate = Field(description="When the update was published: YYYY-MM-DD.", examples=["2026-12-01"])
    summary: Text = Field(
        description="What changed, for readers.", examples=["Figures of April 2025 added, from NATO and ANSA."]
    )


def default_key(fields: dict[str, FieldSpec]) -> tuple[str, ...]:
    """The key of a dataset that declares none: what a record is about (its dates, countries,
    categories and texts) and who says so (`source`). Integer and number fields are left out:
    they hold the figures corrections change, and a corrected figure must keep its record's key.
    """
    return (*(name for name, spec in fields.items() if spec.type not in ("integer", "number")), "source")


def key_and_correction_problems(meta: DatasetMeta) -> list[tuple[tuple, str, str]]:
    """The rules of `key:` and `corrections:` that need the dataset's fields, as (where, message, hint).

    Kept here with the models, where the format's rules live; the loader places each in the file,
    and checks the corrections against the records themselves (`datasets.py`).
    """
    found: list[tuple[tuple, str, str]] = []
    keyable = [*meta.fields, *KEY_RESERVED]
    key = meta.key if meta.key is not None else list(default_key(meta.fields))
    for index, name in enumerate(meta.key or []):
        if name not in keyable:
            found.append(
                (
                    ("key", index),
                    f"'{name}' in `key:` is not a field of the dataset",
                    did_you_mean(name, keyable),
                )
            )
        elif meta.key.index(name) != index:
            found.append((("key", index), f"'{name}' is in `key:` twice", "list each field once"))
    correctable = [*meta.fields, *CORRECTABLE_RESERVED]
    for index, correction in enumerate(meta.corrections):
        here = ("corrections", index)
        for name in correction.record:
            if name not in key:
                found.append(
                    (
                        (*here, "record", name),
                        f"'{name}' is not in the dataset's key ({', '.join(key)})",
                        "name the record by its key's values only: " + did_you_mean(name, key),
                    )
                )
        if correction.field is not None and correction.field not in correctable:
            found.append(
                (
                    (*here, "field"),
                    f"'{correction.field}' is not a field a correction can change",
                    did_you_mean(correction.field, correctable),
                )
            )
    dates = [c.date for c in meta.corrections]
    for index in range(1, len(dates)):
        if dates[index] < dates[index - 1]:
            found.append(
                (
                    ("corrections", index, "date"),
                    f"correction {index + 1} ({dates[index]}) comes after one of {dates[index - 1]}",
                    "list corrections oldest first, adding new ones at the end",
                )
            )
            break
    return found


class DatasetMeta(Strict):
    """Everything in a dataset file except its records."""

    title: Text = Field(description="A short title.", examples=["KFOR troop strength"])
    description: Text = Field(
        description="What the data is and how it was compiled, with its caveats.",
        examples=["Total personnel of the NATO-led Kosovo Force, one record per source and date."],
    )
    editor_notes: PublishedText | None = Field(
        None,
        description="Working notes for the editors (what to check, how to use the data): never published.",
        examples=["Check the 2025 figures against NATO's next placemat before they are charted."],
    )
    license: PublishedText = Field(description="The licence of this compilation.", examples=["CC BY 4.0"])
    last_checked: FullDate = Field(
        description="When an editor last checked the file against its sources: YYYY-MM-DD. Shown labelled "
        '"Last checked"; never as the date of the data, which comes from the records shown.',
        examples=["2026-11-28"],
    )
    sources: list[Source] = Field(
        description="Where the figures come from; records name one by its id.",
        min_length=1,
        examples=[
            [
                {
                    "id": "nato_kfor_2025",
                    "producer": "NATO",
                    "title": "KFOR Key Facts and Figures",
                    "date_accessed": "2026-11-28",
                }
            ]
        ],
    )
    fields: dict[Annotated[str, Field(pattern=ID_PATTERN)], FieldSpec] = Field(
        description="The columns of each record, in order.",
        min_length=1,
        examples=[{"date": {"type": "date", "title": "Date"}, "troops": {"type": "integer", "title": "Troops"}}],
    )
    records: list[dict[str, Any]] = Field(
        description="The data: one mapping a record, with a value per field and `source`, "
        "`confidence` (high, medium, low), `note` (for readers) and `editor_note` (never published).",
        min_length=1,
        examples=[[{"date": "2023-10", "troops": 4500, "source": "nato_kfor_2025"}]],
    )
    key: list[Annotated[str, Field(min_length=1, max_length=100)]] | None = Field(
        None,
        min_length=1,
        description="The fields that tell records apart (`source` may be one): no two records may have the same "
        "values in all of them, and corrections name a record by them. By default, every field that is not a "
        "number (integer and number fields hold the figures, which corrections change), then `source`.",
        examples=[["date", "source"], ["country"]],
    )
    corrections: list[Correction] = Field(
        [],
        description="Every change made to a published figure, oldest first: what changed, when and why. "
        "Readers see each one under the charts it concerns, on the corrections page and in the feed.",
        examples=[
            [
                {
                    "date": "2026-12-01",
                    "record": {"date": "2023-01-01", "source": "welt_2023"},
                    "field": "source",
                    "old": "sputnik_2023",
                    "new": "welt_2023",
                    "reason": "The 3,800 of 1 January 2023 was reported by Die Welt, not Sputnik.",
                }
            ]
        ],
    )
    updates: list[Update] = Field(
        [],
        description="Dated updates to the data that are not corrections (new figures added, a new source), "
        "oldest first, for the feed readers follow.",
        examples=[[{"date": "2026-12-01", "summary": "Figures of April 2025 added."}]],
    )

    renamed: ClassVar[dict[str, str]] = {"last_updated": "last_checked"}  # old key -> new, for a clear error

    @model_validator(mode="after")
    def _ids_unique_and_fields_not_reserved(self):
        ids = [s.id for s in self.sources]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise _fail(f"source id '{duplicates[0]}' is used twice", "give every source its own id")
        for name in self.fields:
            if name in RESERVED_RECORD_KEYS:
                raise _fail(f"'{name}' cannot be a field name: records use it for their {name}", "rename the field")
        for name, spec in self.fields.items():
            if spec.names is None:
                continue
            named = self.fields.get(spec.names)
            if spec.type != "text" or named is None or named.type != "country":
                raise _fail(
                    f"field '{name}': `names: {spec.names}` must name a field of type country, from a text field",
                    "name the field holding the ISO code, like `names: country`",
                )
        return self


class Event(Strict):
    """A moment worth marking on a time axis: a dashed line with a short label."""

    date: PartialDate = Field(description="When: YYYY, YYYY-MM or YYYY-MM-DD.", examples=["2008-02-17"])
    label: Label = Field(
        description="A short label, shown beside the line (at most 60 characters, in every language).",
        examples=["Independence declared"],
    )
    source: Text | None = Field(
        None,
        description="Where the date comes from, in words readers read (a date in it is written in each "
        "language: a text per language); shown beside the label.",
        examples=["Assembly of Kosovo, declaration of independence"],
    )


class ChartSpecBase(Strict):
    """Keys every chart spec has, whatever its kind. Each kind adds its own (see `kinds/`)."""

    kind: str = Field(description="The chart kind.", examples=["line"])
    dataset: Id = Field(
        description="The id of the dataset plotted (its file name in data/, without .yml).", examples=["kfor_troops"]
    )
    title: Text = Field(
        description="The chart's title: say what it shows.", examples=["KFOR shrank tenfold, then grew again"]
    )
    subtitle: Text | None = Field(
        None,
        description="A line under the title: what is measured, and in what unit.",
        examples=["Soldiers in the NATO-led Kosovo Force, as reported by each source"],
    )
    notes: Text | None = Field(
        None,
        description="Shown under the chart: caveats a reader needs.",
        examples=["Planned sizes announced before deployment are left out."],
    )
    alt: Text | None = Field(
        None,
        description="The text alternative for screen readers; generated from the data when left out.",
        examples=["A line falling from about 50,000 soldiers in 1999 to under 4,000 in 2023."],
    )
    filter: dict[str, str | int | float | list[str | int | float]] | None = Field(
        None,
        description="Keep only records whose field equals the value (or one of the values).",
        examples=[{"metric": "kfor_total_personnel"}],
    )
    exclude_low_confidence: bool = Field(
        False, description="Leave out records marked `confidence: low` instead of marking them.", examples=[True]
    )
    table_columns: list[Annotated[str, Field(min_length=1, max_length=100)]] | None = Field(
        None,
        description="More dataset fields for the data table and the downloads, after the chart's own columns "
        "(who makes a claim, the qualifier of a figure).",
        examples=[["claimed_by", "qualifier"]],
    )

    def marked_events(self) -> list[Event]:
        """The events the chart marks on its time axis (numbered under the chart): none, unless
        its kind has an `events` key and overrides this to return them.
        """
        return []


PickRule = Literal["highest_confidence", "source_order"]
DEFAULT_PICK: tuple[PickRule, ...] = ("highest_confidence", "source_order")


class PickingSpec(ChartSpecBase):
    """Keys of the kinds that draw one figure where sources disagree (a line's point, a bar).

    Which figure is drawn is the editors' choice, written in the spec, so that the chart's note
    can say it and no median or mean (a figure nobody gave) is ever needed.
    """

    pick: list[PickRule] = Field(
        list(DEFAULT_PICK),
        min_length=1,
        description="Where sources give different figures for the same date or bar, the rules choosing the one "
        "drawn, tried in order: `highest_confidence` (high before medium), `source_order` (the source listed "
        "first in the dataset's `sources:`: list the most official first). The others stay visible as markers, "
        "and a range shows how far they disagree.",
        examples=[["highest_confidence", "source_order"]],
    )
