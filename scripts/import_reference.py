#!/usr/bin/env python3
"""Turn the researched reference notes into the site's datasets.

    python scripts/import_reference.py [REFERENCE_DIR] [--out data] [--date YYYY-MM-DD]

REFERENCE_DIR holds the research notes (kfor_troops.yml, kfor_contributors.yml, recognition.yml,
recognition_counts.yml); it defaults to ../shared/reference relative to the repository root.
The script writes data/kfor_troops.yml, kfor_contributors.yml, germany_kfor.yml,
recognition.yml, recognition_counts.yml and events.yml in the format documented in
content/editors/formats.md.

Rules it follows (so that a reviewer can check the conversion here rather than in the output):

- no figure is invented or merged: every reference record becomes at most one record, and where a
  corroborating source gives a *different* figure that figure becomes its own record;
- every record names the source the reference gives for it, and carries the reference's
  confidence; a low-confidence record's note starts with "Unconfirmed: verify before
  publication." (the reference marks those "VERIFY BEFORE PUBLICATION");
- hedges ("approximately", "rund", "more than") are kept in a `qualifier` field and in the note;
- dates that the reference writes with a remark ("2021 (c. Q4)", "2025-11/12") keep their
  leading date part (the earlier bound of a range) and the remark goes into the note;
- contested claims (withdrawals of recognition) are attributed to whoever makes them.

Records the script leaves out are listed in each dataset's description.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
LICENSE = "CC BY 4.0"
LAST_UPDATED = "2026-11-28"
LOW_NOTE = "Unconfirmed: verify before publication."
REFERENCE_FILES = ("kfor_troops", "kfor_contributors", "recognition", "recognition_counts")


# -- YAML output ------------------------------------------------------------------------------


class Quoted(str):
    """A string written in double quotes (dates, so that they read as text at a glance)."""


class Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):  # never write anchors or aliases
        return True

    def increase_indent(self, flow=False, indentless=False):  # indent lists under their key
        return super().increase_indent(flow, False)


def _represent_str(dumper: Dumper, value: str):
    if (len(value) > 88 and " " in value) or "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=">")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _represent_quoted(dumper: Dumper, value: Quoted):
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"')


Dumper.add_representer(str, _represent_str)
Dumper.add_representer(Quoted, _represent_quoted)


def dump(dataset: dict, header: str) -> str:
    body = yaml.dump(dataset, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    text = header + body
    # The output must read back as exactly what was meant.
    if yaml.safe_load(text) != _plain(dataset):
        raise SystemExit("internal error: the YAML written does not read back as the data")
    return text


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Quoted):
        return str(value)
    return value


# -- dates --------------------------------------------------------------------------------------

_DATE_PREFIX = re.compile(r"^\s*(?:c\.\s*)?(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def split_date(value) -> tuple[str | None, str | None]:
    """('2021', "reference gives '2021 (c. Q4)'") from '2021 (c. Q4)'; (None, None) from None.

    The date part is the longest leading YYYY[-MM[-DD]] that is a real date and is not followed
    by another digit (so '2019-2020' gives '2019', not the impossible '2019-20').
    """
    if value is None:
        return None, None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10], None
    text = str(value).strip()
    match = _DATE_PREFIX.match(text)
    if not match:
        return None, f"date given in the reference notes as '{text}'"
    year, month, day = match.groups()
    candidates = []
    if day:
        candidates.append((f"{year}-{month}-{day}", (int(year), int(month), int(day))))
    if month:
        candidates.append((f"{year}-{month}", (int(year), int(month), 1)))
    candidates.append((year, (int(year), 1, 1)))
    for written, parts in candidates:
        rest = text[text.index(written) + len(written) :] if written in text else ""
        if rest[:1].isdigit():
            continue
        try:
            dt.date(*parts)
        except ValueError:
            continue
        remark = None if written == text else f"date given in the reference notes as '{text}'"
        return written, remark
    return None, f"date given in the reference notes as '{text}'"


def qdate(value: str | None) -> Quoted | None:
    return Quoted(value) if value is not None else None


# -- text helpers -------------------------------------------------------------------------------


def sentence(text: str | None) -> str:
    """The text as a sentence: stripped, capitalised, ending in a full stop."""
    if not text:
        return ""
    text = " ".join(str(text).split())
    text = text[0].upper() + text[1:]
    if text[-1] in ".!?" or (text[-1] in "'\"" and text[-2:-1] in (".", "!", "?")):
        return text
    return text + "."


def join_note(parts: list[str], confidence: str | None) -> str | None:
    parts = [sentence(p) for p in parts if p and str(p).strip()]
    if confidence == "low":
        parts.insert(0, LOW_NOTE)
    return " ".join(parts) or None


EXACT_QUALIFIERS = {
    "exact as stated",
    "as stated",
    "exact (placemat)",
    "exact as stated (infobox)",
    "exact (stated as latest official data for 2023)",
    "infobox value",
    "planned",
    "planned / pledged",
    "as stated (retrospective)",
}


def qualifier_of(ref: dict) -> str | None:
    q = ref.get("value_qualifier")
    if q is None or str(q).strip() in EXACT_QUALIFIERS:
        return None
    return str(q).strip()


# -- sources ------------------------------------------------------------------------------------


class Sources:
    """All the reference's sources, by id, converted to the project's source format."""

    def __init__(self, documents: dict[str, dict]):
        self.raw: dict[str, dict] = {}
        for doc in documents.values():
            for source in doc["sources"]:
                known = self.raw.setdefault(source["id"], source)
                if known != source:
                    raise SystemExit(f"source {source['id']} differs between reference files")

    def name(self, source_id: str) -> str:
        return self.raw[source_id]["publisher"]

    def convert(self, source_id: str) -> dict:
        ref = self.raw[source_id]
        out: dict = {"id": ref["id"], "producer": ref["publisher"], "title": ref["title"]}
        url = ref.get("url")
        if url and re.match(r"^https?://\S+$", url):
            out["url_main"] = url
        published, remark = split_date(ref.get("date_published"))
        if published:
            out["date_published"] = Quoted(published)
        accessed, _ = split_date(ref["accessed"])
        out["date_accessed"] = Quoted(accessed)
        notes = []
        if ref.get("type"):
            notes.append(f"Type: {ref['type']}")
        if ref.get("notes"):
            notes.append(ref["notes"])
        if remark:
            notes.append("Publication " + remark)
        elif ref.get("date_published") is None:
            notes.append("Publication date not known")
        if not out.get("url_main"):
            notes.append("No web address was retrieved for this source")
        out["notes"] = " ".join(sentence(n) for n in notes)
        return out

    def for_records(self, records: list[dict], extra: set[str] = frozenset()) -> list[dict]:
        """The sources the records name (plus corroborating ones), in the reference's order."""
        used = {r["source"] for r in records} | set(extra)
        missing = used - set(self.raw)
        if missing:
            raise SystemExit(f"records name unknown sources: {sorted(missing)}")
        return [self.convert(i) for i in self.raw if i in used]


def also_reported(ref: dict, sources: Sources, used: set[str]) -> list[str]:
    """Note sentences for corroborating sources giving the same figure (or no figure)."""
    parts = []
    for other in ref.get("also_reported_by") or []:
        if other.get("value") not in (None, ref["value"]):
            continue  # a different figure: its own record (see split_disagreements)
        used.add(other["source"])
        what = "same figure" if other.get("value") is not None else "no figure"
        parts.append(f"Also reported by {sources.name(other['source'])} ({what}): {other.get('note', '')}")
    return parts


def disagreeing(ref: dict) -> list[dict]:
    return [o for o in ref.get("also_reported_by") or [] if o.get("value") not in (None, ref["value"])]


def record(fields: dict, source: str, confidence: str, note: str | None) -> dict:
    out = {k: v for k, v in fields.items() if v is not None}
    out["source"] = source
    out["confidence"] = confidence
    if note:
        out["note"] = note
    return out


def dataset(title: str, description: str, sources: list[dict], fields: dict, records: list[dict]) -> dict:
    names = set(fields) | {"source", "confidence", "note"}
    for r in records:
        unknown = set(r) - names
        if unknown:
            raise SystemExit(f"{title}: record keys {unknown} are not declared fields")
        for name, spec in fields.items():
            if spec.get("required", True) and name not in r:
                raise SystemExit(f"{title}: record {r} lacks required field {name}")
        # keys in the declared order, reserved keys last
    ordered = [{k: r[k] for k in list(fields) + ["source", "confidence", "note"] if k in r} for r in records]
    return {
        "title": title,
        "description": description,
        "license": LICENSE,
        "last_updated": Quoted(LAST_UPDATED),
        "sources": sources,
        "fields": fields,
        "records": ordered,
    }


def category(*items: tuple[str, ...]) -> list[dict]:
    """Categories from (value, label) or (value, label, colour name) tuples, in legend order."""
    return [{"value": item[0], "label": item[1], **({"color": item[2]} if len(item) > 2 else {})} for item in items]


def fix_refs(text: str | None) -> str | None:
    """The reference's notes point at its own files; on the site these are datasets."""
    if not text:
        return text
    return text.replace("kfor_contributors.yml", "the kfor_contributors dataset").replace(
        "kfor_troops.yml", "the kfor_troops dataset"
    )


# -- 1. KFOR total personnel -------------------------------------------------------------------

FIGURE_TYPES = category(
    ("planned", "Planned size, announced before deployment (June 1999)"),
    ("initial", "Size at the June 1999 launch (figures given later)"),
    ("deployed", "Strength at the date"),
    ("deployed_retrospective", "Strength at the date, as given later"),
)
FIGURE_TYPE_OF = {
    "planned": "planned",
    "at mission launch (retrospective)": "initial",
    "initial size (retrospective)": "initial",
    "at entry into Kosovo": "initial",
    "as_of": "deployed",
    "retrospective": "deployed_retrospective",
}


def contributing_nations(value) -> tuple[int | None, str | None]:
    if value is None:
        return None, None
    if isinstance(value, int):
        return value, None
    match = re.match(r"^(\d+)\s*\((.*)\)$", str(value))
    if match:
        return int(match.group(1)), f"Contributing nations: {value}"
    return None, f"Contributing nations: {value}"


def kfor_troops(ref: dict, sources: Sources, left_out: list[str]) -> tuple[dict, list[dict]]:
    records, used, moved = [], set(), []
    for r in ref["records"]:
        if r["metric"] != "kfor_total_personnel":
            moved.append(r)  # reinforcement announcements: see EVENTS
            continue
        date, remark = split_date(r["date"])
        if date is None:
            left_out.append(
                f"kfor_troops: {r['id']} ({r['value']} troops, {sources.name(r['source'])}): "
                "undated, cannot be placed in time"
            )
            continue
        nations, nations_note = contributing_nations(r.get("contributing_nations"))
        q = qualifier_of(r)
        notes = []
        if q:
            notes.append(f"Source's wording: '{q}'")
        notes.append(fix_refs(r.get("notes")))
        if r["date_type"] not in ("as_of", "planned"):
            notes.append(f"Kind of figure: {r['date_type']}")
        notes.append(nations_note)
        notes += also_reported(r, sources, used)
        if remark:
            notes.append(remark[0].upper() + remark[1:])
        assert not disagreeing(r), r["id"]
        records.append(
            record(
                {
                    "date": qdate(date),
                    "troops": r["value"],
                    "figure_type": FIGURE_TYPE_OF[r["date_type"]],
                    "qualifier": q,
                    "contributing_nations": nations,
                },
                r["source"],
                r["confidence"],
                join_note(notes, r["confidence"]),
            )
        )
    records.sort(key=lambda x: x["date"])  # stable: the reference's order within a date
    fields = {
        "date": {
            "type": "date",
            "title": "Date",
            "description": "The date the figure refers to, as precisely as the source gives it.",
        },
        "troops": {
            "type": "integer",
            "title": "Troops",
            "unit": "soldiers",
            "min": 0,
            "description": "KFOR's total personnel as the source states it (round figures are the source's).",
        },
        "figure_type": {"type": "category", "title": "Kind of figure", "categories": FIGURE_TYPES},
        "qualifier": {
            "type": "text",
            "title": "Source's hedge",
            "required": False,
            "description": "How the source qualifies the figure (about, almost, more than...), in its own words.",
        },
        "contributing_nations": {
            "type": "integer",
            "title": "Contributing nations",
            "min": 0,
            "required": False,
            "description": "Number of troop-contributing nations, where the same source gives it.",
        },
    }
    description = f"""\
Total personnel of the NATO-led Kosovo Force (KFOR), June 1999 to April 2025: one record per source \
and figure, compiled from news reports, NATO and government pages and encyclopedia snapshots read as \
archived copies (reference notes compiled {LAST_UPDATED}). Where sources disagree - 50,000 or 55,000 \
at the start, 3,800 or "nearly 4,000" on 1 January 2023, 4,300 or 4,686 in April 2025 - each \
source's figure is its own record; nothing is averaged or merged, and other outlets that carried the \
same figure are named in the note.

Most figures are round numbers announced by officials; the `qualifier` keeps the source's hedge. \
"Kind of figure" separates the planned size announced before deployment and the size at the June \
1999 launch (given later) from strengths at a date. Records marked low confidence (personal websites, \
Wikipedia mirrors, undated aggregators) are unconfirmed and should be shown as such or left out.

Left out: an undated SHAPE page giving "approximately 3,600" (it cannot be placed in time), and the \
announced reinforcements of 2023 (700 on 30 May, a 500-650 British battalion on 30 September, \
nearly 1,000 reported in December), which are additions rather than totals and appear in the events \
dataset."""
    extra = used
    return dataset("KFOR troop strength", description, sources.for_records(records, extra), fields, records), moved


# -- 2. KFOR contributions by nation -----------------------------------------------------------

SNAPSHOTS = category(
    ("planned_1999_hina", "Planned contributions, 8 June 1999 (HINA/AFP)"),
    ("planned_1999_reuters", "Planned or pledged contributions, 10 June 1999 (Reuters; partial)"),
    ("launch_1999_govpl", "Contingents at the 1999 launch (Polish defence ministry, given later; partial)"),
    ("nato_2017_02", "February 2017, NATO placemat (complete: 30 nations, 4,273)"),
    ("single_reports", "Single-country reports, 2020-2021"),
    ("kfor_2022_08_partial", "August 2022 (partial: 16 of 27 nations)"),
    ("kfor_2023", "2023 (latest complete breakdown: 27 nations, 4,353)"),
    ("kfor_2025_04_partial", "April 2025 (partial: 2 nations)"),
)
SNAPSHOT_OF = {
    "kfor_1999_planned_hina": "planned_1999_hina",
    "kfor_1999_planned_reuters": "planned_1999_reuters",
    "kfor_1999_at_launch_govpl": "launch_1999_govpl",
    "nato_placemat_2017_02": "nato_2017_02",
    "single_points": "single_reports",
    "kfor_2022_08_partial": "kfor_2022_08_partial",
    "kfor_2023_breakdown": "kfor_2023",
    "kfor_2025_04_partial": "kfor_2025_04_partial",
}
COUNTRY_NAMES = {"Moldova, Republic of": "Moldova"}
SNAPSHOT_ORDER = [c["value"] for c in SNAPSHOTS]


def kfor_contributors(ref: dict, sources: Sources) -> tuple[dict, list[dict]]:
    records, used, germany = [], set(), []
    for r in ref["records"]:
        if r["dataset"] == "germany_bundeswehr_kfor":
            germany.append(r)
            continue
        date, remark = split_date(r["date"])
        q = qualifier_of(r)
        notes = []
        if q:
            notes.append(f"Source's wording: '{q}'")
        notes.append(fix_refs(r.get("notes")))
        notes += also_reported(r, sources, used)
        for extra in r.get("extra_sources") or []:
            used.add(extra)
            notes.append(f"See also {sources.name(extra)}")
        if remark:
            notes.append(remark[0].upper() + remark[1:])
        assert not disagreeing(r), r["id"]
        records.append(
            record(
                {
                    "date": qdate(date),
                    "snapshot": SNAPSHOT_OF[r["dataset"]],
                    "country": r["iso3"],
                    "country_name": COUNTRY_NAMES.get(r["country"], r["country"]),
                    "troops": r["value"],
                    "qualifier": q,
                },
                r["source"],
                r["confidence"],
                join_note(notes, r["confidence"]),
            )
        )
    records.sort(key=lambda x: SNAPSHOT_ORDER.index(x["snapshot"]))
    fields = {
        "date": {
            "type": "date",
            "title": "Date",
            "description": "The date of the figure, as precisely as the source gives it.",
        },
        "snapshot": {
            "type": "category",
            "title": "Breakdown",
            "categories": SNAPSHOTS,
            "description": "Which breakdown the figure belongs to; compare nations only within one breakdown.",
        },
        "country": {"type": "country", "title": "Country code", "description": "ISO 3166-1 alpha-3 code."},
        "country_name": {"type": "text", "title": "Country"},
        "troops": {
            "type": "integer",
            "title": "Troops",
            "unit": "soldiers",
            "min": 0,
            "description": "Soldiers the nation contributed (for 1999: planned or sent), as the source states it.",
        },
        "qualifier": {
            "type": "text",
            "title": "Source's hedge",
            "required": False,
            "description": "How the source qualifies the figure (about, fewer than...), in its own words.",
        },
    }
    description = f"""\
Troops by contributing nation in the NATO-led Kosovo Force (KFOR), from several breakdowns found in \
the reference notes (compiled {LAST_UPDATED} from archived copies of public pages). The latest \
complete breakdown is the 2023 one (snapshot `kfor_2023`): 27 nations whose figures sum exactly to \
the stated total of 4,353. It was published by the Serbian newspaper Republika.rs after October 2023, \
citing official data in NATO's "placemat" format; the exact month is not stated, and reinforcements \
that arrived in October 2023 (over 130 Romanian and 200 British soldiers) are probably not included. \
Charts of the current contributions should filter on `snapshot: kfor_2023`.

The February 2017 NATO placemat is also complete (30 nations, 4,273 in total), but four of its \
country labels (Slovenia, Türkiye, United Kingdom, United States) were missing in the copy read and \
were inferred from the layout: those four are marked low confidence. The August 2022 (16 of 27 \
nations) and April 2025 (Italy and the United States only) breakdowns are partial and must not be \
ranked as if complete. The 1999 figures are planned or pledged contributions and contingents at the \
launch, not strengths at a date. Germany's contingent over time, with the Bundestag's ceiling, is in \
the germany_kfor dataset."""
    return (
        dataset("KFOR troops by contributing nation", description, sources.for_records(records, used), fields, records),
        germany,
    )


# -- 3. Germany: mandate ceiling and deployed strength ------------------------------------------

MEASURES = category(
    ("ceiling", "Bundestag mandate ceiling (most soldiers allowed)"),
    ("deployed", "Bundeswehr soldiers deployed"),
    ("reserve", "Operational reserve battalion sent temporarily (additional)"),
)
MEASURE_OF = {
    "bundestag_mandate_ceiling": "ceiling",
    "german_personnel_deployed": "deployed",
    "german_reserve_battalion_deployed": "reserve",
}


# The hedge of a corroborating source's differing figure (the reference has it only in prose).
HEDGE_OF_DISAGREEING = {("de_deployed_2016", "augengeradeaus_2016_06"): "knapp (just under)"}


def germany_kfor(refs: list[dict], sources: Sources) -> dict:
    records, used = [], set()
    for r in refs:
        date, remark = split_date(r["date"])
        q = qualifier_of(r)
        stage = r["date_type"] if r.get("date_type") not in (None, "as_of") else None
        notes = []
        if q:
            notes.append(f"Source's wording: '{q}'")
        notes.append(fix_refs(r.get("notes")))
        notes += also_reported(r, sources, used)
        if remark:
            notes.append(remark[0].upper() + remark[1:])
        differing = disagreeing(r)
        for other in differing:
            notes.append(f"{sources.name(other['source'])} gives {other['value']:,} instead (separate record)")
        measure = MEASURE_OF[r["metric"]]
        records.append(
            record(
                {"date": qdate(date), "measure": measure, "soldiers": r["value"], "stage": stage, "qualifier": q},
                r["source"],
                r["confidence"],
                join_note(notes, r["confidence"]),
            )
        )
        for other in differing:  # a corroborating source with another figure: its own record
            records.append(
                record(
                    {
                        "date": qdate(date),
                        "measure": measure,
                        "soldiers": other["value"],
                        "stage": stage,
                        "qualifier": HEDGE_OF_DISAGREEING.get((r["id"], other["source"])),
                    },
                    other["source"],
                    r["confidence"],
                    join_note(
                        [
                            f"Source's wording: {other.get('note')}",
                            f"{sources.name(r['source'])} gives {r['value']:,} for the same time",
                        ],
                        r["confidence"],
                    ),
                )
            )
    records.sort(key=lambda x: x["date"])
    fields = {
        "date": {"type": "date", "title": "Date", "description": "The date of the decision or of the count."},
        "measure": {"type": "category", "title": "Measure", "categories": MEASURES},
        "soldiers": {"type": "integer", "title": "Soldiers", "unit": "soldiers", "min": 0},
        "stage": {
            "type": "text",
            "title": "Stage of the decision",
            "required": False,
            "description": "For ceilings not yet voted by the Bundestag: "
            "the stage (proposal, cabinet decision, motion).",
        },
        "qualifier": {
            "type": "text",
            "title": "Source's hedge",
            "required": False,
            "description": "How the source qualifies the figure (rund, etwa, knapp...), in its own words.",
        },
    }
    description = f"""\
Germany in KFOR: the most soldiers the Bundestag's mandate allows (the ceiling) and the Bundeswehr \
soldiers actually deployed, 1999 to 2025, from Bundestag and Bundeswehr pages and German news reports \
(reference notes compiled {LAST_UPDATED} from archived copies). The ceiling is a legal maximum, not a \
strength: from 2019 it stayed at 400 while about 65-70 soldiers served until 2023. Ceilings are dated \
by the decision the source reports; where that is a proposal, a cabinet draft or a government motion \
rather than a Bundestag vote, the `stage` says so. The temporary operational reserve battalions of 2011 \
and 2012 are a separate measure, added on top of the contingent.

Where sources disagree, each figure is its own record: the reserve battalion of August 2011 was 550 \
German soldiers according to Zeit Online and AP, 600 according to Deutsche Welle; the contingent in \
May 2016 was "rund 780" according to AFP and "knapp 800" according to the Augen geradeaus! blog. The \
rise to about 300 soldiers in May 2024 comes from a single pro-Kremlin aggregator and is marked low \
confidence: verify it before publication."""
    return dataset(
        "Germany in KFOR: mandate ceiling and soldiers deployed",
        description,
        sources.for_records(records, used),
        fields,
        records,
    )


# -- 4. Recognition, state by state --------------------------------------------------------------

STATUSES = category(
    ("recognises", "Recognises Kosovo", "blue"),
    ("recognises_non_un", "Recognises Kosovo (not a UN member state)", "sky"),
    ("withdrawal_claimed", "Withdrawal claimed by Serbia, disputed by Kosovo", "orange"),
    ("recognition_disputed", "Recognition declared invalid by the state's president; counted by Kosovo", "purple"),
    ("recognition_denied", "Listed by Kosovo at times; the state denies recognising", "green"),
    ("does_not_recognise", "Does not recognise Kosovo", "vermillion"),
)


def status_of(text: str) -> str:
    if text == "recognises":
        return "recognises"
    if text.startswith("recognises (non-UN entity"):
        return "recognises_non_un"
    if text.startswith("contested: Serbia claims withdrawal"):
        return "withdrawal_claimed"
    if text.startswith("disputed: recognition declared invalid"):
        return "recognition_disputed"
    if text.startswith("claim denied"):
        return "recognition_denied"
    if text == "does not recognise":
        return "does_not_recognise"
    raise SystemExit(f"unknown recognition status: {text}")


def recognition(ref: dict, sources: Sources, left_out: list[str]) -> dict:
    records, used = [], set()
    for r in ref["records"]:
        if not r.get("iso3"):
            left_out.append(f"recognition: {r['country']} ({r['status']}): no ISO 3166-1 code, cannot go on a map")
            continue
        status = status_of(r["status"])
        date, remark = split_date(r["recognition_date"])
        notes = [fix_refs(r.get("notes"))]
        mentioned = {r["source"]}  # sources this record's note already names
        if remark:
            notes.append(remark[0].upper() + remark[1:])
        for conflict in r.get("date_conflicts") or []:
            mentioned.add(conflict["source"])
            notes.append(f"{sources.name(conflict['source'])} gives the date as {conflict['date']}")
        others = [s for s in (r.get("date_sources") or []) if s != r["source"]]
        if others and date:
            mentioned.update(others)
            notes.append("Date also given by " + "; ".join(sources.name(s) for s in others))
        ordinal = r.get("kosovo_count_ordinal")
        if ordinal:
            mentioned.add(ordinal["source"])
            notes.append(
                f"Kosovo's count: number {ordinal['value']} ({ordinal['meaning']}; {sources.name(ordinal['source'])})"
            )
        claim = r.get("serbia_withdrawal_claim")
        claim_date = None
        if claim:
            mentioned.update(claim.get("sources") or [])
            claim_date, _ = split_date(claim.get("announced"))
            count = (
                f", counted as Serbia's withdrawal number {claim['serbian_count']}"
                if claim.get("serbian_count")
                else ""
            )
            claim_text = (
                f"Serbia's government claims that {r['country']} withdrew its recognition "
                f"(announced {claim.get('announced')}{count}; reported by "
                + "; ".join(sources.name(s) for s in claim.get("sources") or [])
                + ")"
            )
            notes.append(claim_text)
            if claim.get("details"):
                notes.append(claim["details"])
        position = r.get("kosovo_position")
        if position:
            mentioned.update(position.get("sources") or [])
            text = position["text"].replace("Kosovo MFA", "Kosovo's foreign ministry")
            notes.append(text if text.startswith("Kosovo") else "Against the claim: " + text)
        extras = [s for s in (r.get("extra_sources") or []) if s not in mentioned]
        if extras:
            notes.append("See also " + "; ".join(sources.name(s) for s in extras))
        used.update(mentioned | set(extras))
        if r.get("tags"):
            notes.append("Groups: " + ", ".join(r["tags"]))
        records.append(
            record(
                {
                    "country": r["iso3"],
                    "country_name": r["country"],
                    "status": status,
                    "recognition_date": qdate(date),
                    "un_member": "yes" if r["un_member"] else "no",
                    "withdrawal_claim_date": qdate(claim_date),
                },
                r["source"],
                r["confidence"],
                join_note(notes, r["confidence"]),
            )
        )
    order = [c["value"] for c in STATUSES]
    records.sort(key=lambda x: (order.index(x["status"]), x.get("recognition_date") or "9999", x["country_name"]))
    fields = {
        "country": {"type": "country", "title": "Country code", "description": "ISO 3166-1 alpha-3 code."},
        "country_name": {"type": "text", "title": "Country"},
        "status": {"type": "category", "title": "Status", "categories": STATUSES},
        "recognition_date": {
            "type": "date",
            "title": "Recognised on",
            "required": False,
            "description": "When the state recognised Kosovo, as precisely as the sources give it; "
            "left out where no date was found.",
        },
        "un_member": {
            "type": "category",
            "title": "UN member state",
            "categories": category(("yes", "UN member state"), ("no", "Not a UN member state")),
        },
        "withdrawal_claim_date": {
            "type": "date",
            "title": "Withdrawal claimed on",
            "required": False,
            "description": "When Serbia's government announced that the state withdrew its "
            "recognition (a claim Kosovo disputes).",
        },
    }
    counts = {}
    for r in records:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    low_records = [r for r in records if r["confidence"] == "low"]
    low = len(low_records)
    others = ", ".join(r["country_name"] for r in low_records if r["country"] not in ("PAN", "KNA", "TLS", "FJI"))
    description = f"""\
Recognition of Kosovo's independence (declared 17 February 2008), one record per state, from Kosovo's \
foreign ministry lists as republished by the media, news reports of each recognition, independent \
trackers (Political Geography Now) and Wikipedia revisions, read as archived copies (reference notes \
compiled {LAST_UPDATED}). {counts.get("recognises", 0)} UN member states are recorded as recognising \
with no withdrawal claimed, {counts.get("withdrawal_claimed", 0)} as recognising with a withdrawal claimed by \
Serbia, and {counts.get("recognises_non_un", 0)} non-UN entities (Taiwan, the Cook Islands, Niue) as \
recognising.

Withdrawals are contested claims and are attributed: Serbia's government says these states withdrew \
their recognition (it names 27 and claims 28), while Kosovo's foreign ministry still lists them as \
recognising and calls most claims unconfirmed. Their status is "withdrawal claimed", and each note \
gives both sides. São Tomé and Príncipe (a recognition its president declared invalid) and Nigeria \
and Uganda (listed by Kosovo at times; both denied recognising) have statuses of their own.

The list of non-recognisers is NOT complete: it holds {counts.get("does_not_recognise", 0)} notable \
states (Serbia, Russia, China, the five EU members that do not recognise, G20 members and a few others), \
not all of the roughly 75 UN members that do not recognise Kosovo. A map must not colour the missing states as \
non-recognisers by default. Recognition dates are as precise as the sources allow; where sources \
disagree the note gives the other date. The {low} records marked low confidence are unconfirmed and \
must be shown as such or left out: Panama, Saint Kitts and Nevis, Timor-Leste and Fiji are included \
only because Kosovo's claimed total implies them (no source naming them was retrieved; the cited \
source is the 2008 baseline); the others rest on weak or second-hand sources, or their recognition was \
questioned ({others}). Left out: the Sovereign Military Order of \
Malta, which Italian Wikipedia (2011) lists as recognising but which has no ISO 3166-1 code and no \
territory to map."""
    return dataset(
        "Recognition of Kosovo, state by state", description, sources.for_records(records, used), fields, records
    )


# -- 5. Headline recognition counts ---------------------------------------------------------------

CLAIMANTS = category(
    ("kosovo_government", "Kosovo's government"),
    ("serbian_government", "Serbia's government"),
    ("independent_tracker", "Independent trackers"),
    ("encyclopedia", "Wikipedia"),
    ("media", "News media"),
    ("seed_article", "Seed article (Sputnik, Russian state media)"),
)
CLAIMANT_OF = {"seed_article (state media)": "seed_article"}
METRICS = category(
    ("un_members_recognising", "UN member states recognising"),
    ("total_recognitions", "Recognitions in total (may include non-UN entities)"),
    ("kosovo_ordinal_reached", 'Number Kosovo gave its newest recogniser ("the 121st")'),
    ("new_recognitions_in_year", "New recognitions in the year"),
    ("un_members_ever_recognised", "UN member states that recognised at some time"),
    ("un_members_recognising_by_2012", "UN member states that recognised from 2008 to 2012"),
    ("kosovo_list_disputed", "Kosovo's list, called false by Serbia"),
    ("withdrawals_claimed", "Withdrawals of recognition claimed by Serbia (running total)"),
    ("new_withdrawals_claimed_unnamed", "New withdrawals claimed by Serbia, states not named"),
    ("new_withdrawals_claimed_named", "New withdrawals claimed by Serbia, states named"),
    ("un_members_not_recognising", "UN member states not recognising"),
    ("eu_members_recognising", "EU member states recognising (of 27)"),
    ("nato_members_recognising", "NATO members recognising (of 32)"),
)
BASIS_OF_METRIC = {
    "withdrawals_claimed": "withdrawals of recognition claimed by Serbia, running total",
    "new_withdrawals_claimed_unnamed": "withdrawals of recognition newly claimed by Serbia",
    "new_withdrawals_claimed_named": "withdrawals of recognition newly claimed by Serbia",
}


def recognition_counts(ref: dict, sources: Sources) -> dict:
    records, used = [], set()
    for r in ref["records"]:
        date, remark = split_date(r["date"])
        claimant = CLAIMANT_OF.get(r["claimant_side"], r["claimant_side"])
        q = qualifier_of(r)
        notes = []
        if q:
            notes.append(f"Source's wording: {q}")
        notes.append(r.get("notes"))
        if remark:
            notes.append(remark[0].upper() + remark[1:])
        notes += also_reported(r, sources, used)
        assert not disagreeing(r), r["id"]
        basis = r.get("scope") or BASIS_OF_METRIC[r["metric"]]
        records.append(
            record(
                {
                    "date": qdate(date),
                    "claimant": claimant,
                    "claimed_by": r["claimant"],
                    "metric": r["metric"],
                    "count": r["value"],
                    "count_basis": basis,
                    "qualifier": q,
                },
                r["source"],
                r["confidence"],
                join_note(notes, r["confidence"]),
            )
        )
    records.sort(key=lambda x: x["date"])
    fields = {
        "date": {"type": "date", "title": "Date", "description": "When the count was stated."},
        "claimant": {"type": "category", "title": "Who counts", "categories": CLAIMANTS},
        "claimed_by": {
            "type": "text",
            "title": "Stated by",
            "description": "The person or body that gave the count, and through whom.",
        },
        "metric": {"type": "category", "title": "What is counted", "categories": METRICS},
        "count": {"type": "integer", "title": "Count", "unit": "states", "min": 0},
        "count_basis": {
            "type": "text",
            "title": "Counted among",
            "description": "What the count covers: UN member states only, or all recognising entities.",
        },
        "qualifier": {
            "type": "text",
            "title": "Source's hedge",
            "required": False,
            "description": "How the source qualifies the count (nearly, at least, over...), in its own words.",
        },
    }
    description = f"""\
Headline counts of the states recognising Kosovo, by who states them and when, 2008 to 2025 \
(reference notes compiled {LAST_UPDATED} from archived copies of public pages). The counts are not \
comparable without their basis. Kosovo's government counts all recognising entities, including \
non-UN ones (Taiwan, the Cook Islands, Niue), and never subtracts a claimed withdrawal: 121 in \
December 2025. Serbia's government subtracts every withdrawal it claims (27 named, 28 claimed) and \
puts some states in a "fluid" group: 84 to 94 UN members in 2023. Independent trackers and Wikipedia \
subtract the withdrawals they judge documented. The seed article (Sputnik, 1 January 2023) says \
"nearly 100 UN member states".

Every count is attributed in `claimed_by`; "what is counted" separates recognitions from Serbia's \
claimed withdrawals and from the ordinal Kosovo gives a new recogniser ("the 121st"). Compare counts \
only within one metric and basis. Anadolu's report of 94 states "unequivocally" recognising \
(4 January 2023) does not add up and is marked low confidence; RIA Novosti's 84 from the same \
statement is kept as its own record. Dates written with a remark in the reference (ranges such as \
"2025-11/12", "c. Feb") keep the earlier or coarser date, and the note gives the original."""
    return dataset(
        "Recognition of Kosovo: headline counts by claimant",
        description,
        sources.for_records(records, used),
        fields,
        records,
    )


# -- 6. Events ------------------------------------------------------------------------------------

EVENT_CATEGORIES = category(
    ("conflict", "Conflict and violence"),
    ("politics", "Politics and diplomacy"),
    ("kfor", "KFOR"),
    ("recognition", "Recognition"),
)

# Each event: (date, text, category, source id in the reference, confidence, note).
# Only events whose date the reference notes give, with a source the reference names.
EVENTS = [
    (
        "1998-02-28",
        "The Kosovo war breaks out between Serbian forces and the Kosovo Liberation Army",
        "conflict",
        "sputnik_2023_01_01",
        "medium",
        "Date as given by the seed article (Sputnik), which dates the war from 28 February 1998 to 11 June 1999; "
        "not checked against another source in the reference notes.",
    ),
    (
        "1999-03",
        "NATO air campaign against Yugoslavia begins (March to June 1999)",
        "conflict",
        "sputnik_2023_01_01",
        "medium",
        "The reference notes give only the months (seed article, Sputnik: 'March-June 1999'); the exact start "
        "and end dates are not in them. Sputnik's casualty and damage figures for the campaign are contested "
        "and are not used here.",
    ),
    (
        "1999-06-08",
        "NATO plans a KFOR of about 50,000 soldiers from some 30 countries",
        "kfor",
        "hina_1999_06_08",
        "medium",
        None,
    ),
    (
        "1999-06-11",
        "The Bundestag approves German participation in KFOR with up to 8,500 soldiers",
        "kfor",
        "bpb_1999_06_11",
        "high",
        "Vote: 505 yes, 24 no, 11 abstentions (Deutscher Bundestag).",
    ),
    (
        "1999-06-12",
        "KFOR enters Kosovo with about 42,500 NATO ground troops",
        "kfor",
        "bundeswehr_25y",
        "medium",
        "Including some 6,400 Bundeswehr soldiers (Bundeswehr, 2024).",
    ),
    (
        "2008-02-17",
        "Kosovo declares independence from Serbia; Costa Rica recognises it the same day",
        "politics",
        "monitor_mfa_list",
        "high",
        "Costa Rica's recognition on 17 February 2008 heads Kosovo's foreign ministry list; Orainfo (2020) dates "
        "the 10th anniversary 17 February 2018, and the seed article says February 2008.",
    ),
    (
        "2008-02-18",
        "The United States, France, the United Kingdom, Türkiye, Albania and Afghanistan recognise Kosovo",
        "recognition",
        "monitor_mfa_list",
        "high",
        None,
    ),
    (
        "2008-05-15",
        "Russia, China and India call for new negotiations on Kosovo's status in a joint statement",
        "politics",
        "enwikinet_2020",
        "medium",
        "From Wikipedia's 'International recognition of Kosovo' (revision of September 2020, mirror).",
    ),
    (
        "2009-06",
        "NATO agrees to cut KFOR from about 14,000 to 10,000 soldiers",
        "kfor",
        "irishtimes_2009_06",
        "high",
        None,
    ),
    (
        "2010-10-29",
        "NATO decides to halve KFOR, to just over 5,000 soldiers ('Gate 2')",
        "kfor",
        "euobserver_2010_10_29",
        "high",
        None,
    ),
    (
        "2011-08-02",
        "After ethnic violence in northern Kosovo, NATO sends a German-Austrian reserve battalion of about 700",
        "kfor",
        "dw_2011_08_02",
        "high",
        "Deutsche Welle: 600 German and 100 Austrian soldiers; AP and Zeit Online: 550 and 150. The reference notes "
        "do not date the violence itself.",
    ),
    (
        "2013-04",
        "Belgrade and Pristina reach an agreement in their Brussels dialogue",
        "politics",
        "nato_topic_copy_2013",
        "medium",
        "Dated April 2013 in NATO's 'NATO's role in Kosovo' text (copy); the exact day is not in the reference notes.",
    ),
    (
        "2017-10-27",
        "Serbia claims the first withdrawal of a recognition (Suriname); Kosovo disputes such claims",
        "recognition",
        "sandbox_wiki_withdrawals",
        "medium",
        "Date from a Wikipedia editor's draft table with references; a claim by Serbia's government.",
    ),
    (
        "2020-03-03",
        "Serbia's foreign minister claims Sierra Leone as the 18th state to withdraw recognition; "
        "Kosovo's foreign minister says there is 'nothing to confirm'",
        "recognition",
        "kossev_sierra_2020_03_03",
        "high",
        None,
    ),
    (
        "2020-09-04",
        "Washington agreement: Serbia pauses its campaign for withdrawals and Kosovo its bids to join "
        "international organisations, for one year",
        "politics",
        "enwikinet_2020",
        "medium",
        None,
    ),
    (
        "2022-12-10",
        "Serbs in northern Kosovo begin setting up barricades in protest against the arrest of Serb police officers",
        "conflict",
        "sputnik_2023_01_01",
        "medium",
        "As told by the seed article (Sputnik, 1 January 2023): 'On December 10', the arrest of 'several Serb police "
        "officers' over alleged war crimes and terrorism; the year follows from the article's date.",
    ),
    (
        "2023-01-01",
        "Prime Minister Kurti asks for more NATO troops in Kosovo (about 3,800 KFOR soldiers, 70 of them German)",
        "politics",
        "welt_via_jellypages_2023",
        "high",
        "Die Welt's report of the interview. Also reported by Deutsche Welle and by the seed article (Sputnik).",
    ),
    (
        "2023-01-04",
        "President Vučić names nine states that he says withdrew their recognition of Kosovo",
        "recognition",
        "anews_2023_01_04",
        "high",
        "A claim by Serbia's president; Kosovo's foreign ministry still lists these states.",
    ),
    (
        "2023-05",
        "Clashes in Zvečan, northern Kosovo, injure 30 KFOR soldiers",
        "conflict",
        "euronews_2023_05_29",
        "medium",
        "The reference notes give the month, not the day.",
    ),
    (
        "2023-05-30",
        "NATO announces 700 more soldiers for KFOR from its Operational Reserve Force",
        "kfor",
        "novinite_2023_05_30",
        "high",
        "Stoltenberg: another battalion on high readiness. About 500 Turkish soldiers formed most of the first "
        "reinforcements (Pledge Times, AFP material).",
    ),
    (
        "2023-09-24",
        "Armed attack in Banjska, northern Kosovo",
        "conflict",
        "rts_2023_12_03",
        "medium",
        "Dated 24 September 2023 in the reference notes (RTS, newsaca.com, Danas/FoNet reports).",
    ),
    (
        "2023-09-30",
        "NATO approves additional forces; the UK puts a battalion of 500 to 650 soldiers at KFOR's disposal",
        "kfor",
        "pledgetimes_2023_09_30",
        "medium",
        None,
    ),
    (
        "2023-10-10",
        "Türkiye is reported to take over command of KFOR from Italy",
        "kfor",
        "danas_fonet_2023_10_10",
        "medium",
        "Reported by Danas/FoNet citing Anadolu; the handover date is not in the reference notes.",
    ),
    (
        "2023-12-03",
        "KFOR says NATO has deployed nearly 1,000 extra soldiers since the Banjska attack; "
        "its presence in the north has quadrupled",
        "kfor",
        "rts_2023_12_03",
        "medium",
        "KFOR's reply to Koha Ditore, as reported by RTS.",
    ),
    (
        "2025-03-26",
        "Kenya recognises Kosovo, the first of four recognitions in 2025",
        "recognition",
        "reuters_kenya_2025",
        "high",
        "Serbia's foreign ministry condemned the move.",
    ),
    (
        "2025-04-25",
        "Belgium, Luxembourg and the Netherlands formally join KFOR",
        "kfor",
        "republika_2025_04_25",
        "medium",
        "France (January 2024) and Portugal (September 2024) joined earlier, per the same article.",
    ),
    (
        "2025-12",
        "The Bahamas recognise Kosovo, which counts 121 recognitions",
        "recognition",
        "rferl_bahamas_2025",
        "high",
        "Kosovo's count includes non-UN entities; see the recognition_counts dataset.",
    ),
]

# Events the timeline should have but for which the reference notes give no date or no source.
EVENTS_WITHOUT_SOURCE = [
    "the exact days the NATO air campaign began and ended "
    "(the notes give only 'March-June 1999', from the seed article)",
    "the March 2004 unrest",
    "the International Court of Justice's advisory opinion on the declaration of independence (2010)",
    "the 2011 clashes in the north themselves (only the reinforcement announced on 2 August 2011 is sourced)",
    "the day of the Brussels agreement (only 'April 2013')",
]


def events(sources: Sources) -> dict:
    records = []
    for date, text, cat, source, confidence, note in EVENTS:
        if source not in sources.raw:
            raise SystemExit(f"event {text!r} names unknown source {source}")
        records.append(
            record(
                {"date": Quoted(date), "event": text, "category": cat},
                source,
                confidence,
                join_note([note], confidence),
            )
        )
    records.sort(key=lambda x: x["date"])
    fields = {
        "date": {"type": "date", "title": "Date"},
        "event": {"type": "text", "title": "Event"},
        "category": {"type": "category", "title": "Category", "categories": EVENT_CATEGORIES},
    }
    description = (
        f"""\
A timeline of Kosovo's security and international status, 1998 to 2025, for charts' event markers and \
for the site's chronology. It holds only events whose date is given in the reference notes (compiled \
{LAST_UPDATED}) together with a source they name; each record cites that source. Dates are as precise \
as that source allows (a month where the day is not given). Claims of one side - such as Serbia's \
claims that states withdrew their recognition - are worded as claims.

Not included, for want of a dated source in the reference notes: """
        + "; ".join(EVENTS_WITHOUT_SOURCE)
        + "."
    )
    return dataset(
        "Kosovo timeline: conflict, KFOR and recognition", description, sources.for_records(records), fields, records
    )


# -- main -----------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "reference",
        nargs="?",
        default=str(REPO.parent / "shared" / "reference"),
        help="directory of the reference notes (default: ../shared/reference from the repository root)",
    )
    parser.add_argument("--out", default=str(REPO / "data"), help="directory to write the datasets to (default: data/)")
    parser.add_argument("--date", default=dt.date.today().isoformat(), help="the date named in the files' header")
    args = parser.parse_args(argv)

    reference = Path(args.reference)
    documents = {}
    for name in REFERENCE_FILES:
        with open(reference / f"{name}.yml", encoding="utf-8") as f:
            documents[name] = yaml.safe_load(f)
    sources = Sources(documents)
    left_out: list[str] = []

    troops, moved = kfor_troops(documents["kfor_troops"], sources, left_out)
    for r in moved:
        left_out.append(f"kfor_troops: {r['id']} ({r['metric']}, {r['value']}): an addition, not a total; in events")
    contributors, germany_refs = kfor_contributors(documents["kfor_contributors"], sources)
    outputs = {
        "kfor_troops": troops,
        "kfor_contributors": contributors,
        "germany_kfor": germany_kfor(germany_refs, sources),
        "recognition": recognition(documents["recognition"], sources, left_out),
        "recognition_counts": recognition_counts(documents["recognition_counts"], sources),
        "events": events(sources),
    }
    header = (
        f"# Generated by scripts/import_reference.py from the reference notes (shared/reference/*.yml)\n"
        f"# on {args.date}. Editors may edit this file afterwards; re-running the script overwrites it.\n"
        f"# File format: content/editors/formats.md\n"
    )
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, data in outputs.items():
        (out / f"{name}.yml").write_text(dump(data, header), encoding="utf-8")
        print(f"{name}: {len(data['records'])} records, {len(data['sources'])} sources")
    for line in left_out:
        print("left out:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
