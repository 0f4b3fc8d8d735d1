"""Named sets of states a map can claim to cover (`covers:` in a choropleth spec).

A map that says it shows "the world's states" must colour every one of them, so the set has to
be written down: a map of recognitions that colours 18 non-recognisers and leaves 57 others in
the land colour reads as if those 57 recognised, or had no position. A covered state without a
record is a build problem (`kinds/choropleth.py`).

`un_members`: the 193 member states of the United Nations, as the UN lists them
(https://www.un.org/en/about-us/member-states), by ISO 3166-1 alpha-3 code. Observer states
(the Holy See, Palestine) are not members, nor are Kosovo, Taiwan, the Cook Islands, Niue or
Western Sahara; South Sudan (2011) is the newest member.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StateSet:
    """A set of states: its codes, and how readers name it in sentences and legends."""

    codes: frozenset[str]
    name: str  # "UN member states", as in "of the 193 UN member states"
    outside: str  # the legend entry for the land of states and territories outside it
    defined_by: str  # the list that defines it, for the methodology and `explain()`

    def __iter__(self):
        return iter(sorted(self.codes))

    def __len__(self) -> int:
        return len(self.codes)

    def __contains__(self, code: object) -> bool:
        return code in self.codes


UN_MEMBERS = frozenset(
    """
    AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
    BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK
    DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB
    GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO
    LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR NAM
    NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR ROU RUS RWA
    KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
    SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB
    ZWE
    """.split()
)

SETS: dict[str, StateSet] = {
    "un_members": StateSet(
        UN_MEMBERS,
        "UN member states",
        "Not a UN member state",
        "the United Nations' list of member states (https://www.un.org/en/about-us/member-states)",
    ),
}
