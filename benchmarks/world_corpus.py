"""A synthetic world of treaties, from a seed: participants (with dissolutions and
successions), instruments with a realistic mix of final clauses, and their acts. The same
facts go to the register (as entries, through the normal write path) and to plain files
that any peer can load: `acts.csv`, `instruments.json` (the clauses), `participants.csv`,
`bodies.json`.

    python benchmarks/world_corpus.py --acts 2000000 --out /tmp/world

The mix (by instrument): in force on signature; the N-th instrument of consent plus D days
(with a delay for later participants); a double threshold (N instruments and 55% of a
listed quantity, the Kyoto model); no entry-into-force clause (each bound from its own
consent); amendments in force once every party of the amended instrument has accepted.
Withdrawal notices take effect after 0, 6 or 12 months. Three states dissolve, their
successors succeed to what bound them; two states cease without successor. About one
instrument in fifty with an entry-into-force threshold has a conference of the parties, a
body whose member states are the instrument's parties (at least three bodies in any world).

Every act is one the engine admits: a state acts only while it exists, a notice of
withdrawal comes after the state is bound, nobody acts twice in the same capacity.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pycountry

FIRST, LAST = date(1950, 1, 1), date(2025, 12, 31)
ACTS_PER_INSTRUMENT = 20  # on average: 2,000,000 acts make about 100,000 instruments
FAMILIES = {  # share of instruments
    "on-signature": 0.20, "threshold": 0.40, "double-threshold": 0.10, "none": 0.15,
    "amendment": 0.15,
}
# Dissolutions: the state, the day it ceased (exclusive), its successors (which exist from
# that day). Ceased without successor: absorbed into another state.
DISSOLVED = {
    "SUN": (date(1991, 12, 26), ["UKR", "BLR", "KAZ", "UZB", "TKM", "KGZ", "TJK", "ARM",
                                 "AZE", "GEO", "MDA", "LTU", "LVA", "EST"]),
    "YUG": (date(1992, 4, 27), ["SVN", "HRV", "BIH", "MKD", "SCG"]),
    "CSK": (date(1993, 1, 1), ["CZE", "SVK"]),
    "SCG": (date(2006, 6, 3), ["SRB", "MNE"]),
    "DDR": (date(1990, 10, 3), []),
    "YMD": (date(1990, 5, 22), []),
}
HISTORIC = ["SUN", "YUG", "CSK", "SCG", "DDR", "YMD"]
PARTICIPANTS = 250
INSTRUMENTS_PER_BODY = 50  # one conference of the parties for about so many instruments
MIN_BODIES = 3
BODY_MIN_ACTS = 10  # a conference is set up for a treaty with some parties to meet


@dataclass
class Participant:
    code: str
    name: str
    exists_from: date | None = None
    exists_until: date | None = None  # exclusive

    def exists(self, day: date) -> bool:
        return (self.exists_from is None or self.exists_from <= day) and (
            self.exists_until is None or day < self.exists_until)


@dataclass
class Corpus:
    seed: int
    participants: list[Participant]
    instruments: list[dict[str, Any]] = field(default_factory=list)  # register payloads
    acts: list[dict[str, Any]] = field(default_factory=list)  # register payloads, by instrument
    families: dict[str, str] = field(default_factory=dict)  # instrument id -> family
    bodies: list[dict[str, Any]] = field(default_factory=list)  # register payloads


def participants() -> list[Participant]:
    """250 states: ISO 3166 codes, the historic ones with their dissolution."""
    historic = {c: pycountry.historic_countries.get(alpha_3=c) for c in HISTORIC}
    found = [Participant(c, str(h.name) if h else c) for c, h in historic.items()]
    current = sorted(pycountry.countries, key=lambda c: c.alpha_3)
    successors = {s for _, after in DISSOLVED.values() for s in after} - set(HISTORIC)
    # The successors first, so that every dissolution has its successors among the 250.
    ordered = [c for c in current if c.alpha_3 in successors] + [
        c for c in current if c.alpha_3 not in successors]
    for country in ordered[: PARTICIPANTS - len(found)]:
        found.append(Participant(country.alpha_3, str(country.name)))
    by_code = {p.code: p for p in found}
    for code, (until, after) in DISSOLVED.items():
        by_code[code].exists_until = until
        for successor in after:
            by_code[successor].exists_from = until
    by_code["SCG"].exists_from = DISSOLVED["YUG"][0]
    return found


def generate(acts: int, seed: int = 1991) -> Corpus:
    """About `acts` acts (a whole instrument more at most), the same for the same seed."""
    rng = random.Random(seed)
    corpus = Corpus(seed, participants())
    by_code = {p.code: p for p in corpus.participants}
    consented: dict[str, dict[str, date]] = {}  # instrument -> participant -> consent day
    bases: list[str] = []  # what an amendment may amend: threshold and no-clause instruments
    number = 0
    while len(corpus.acts) < acts:
        number += 1
        family = rng.choices(list(FAMILIES), weights=list(FAMILIES.values()))[0]
        if family == "amendment" and not bases:
            family = "threshold"
        adopted = FIRST + timedelta(days=rng.randrange((LAST - FIRST).days - 365))
        if family == "amendment":
            base = rng.choice(bases[-2000:])  # a recent one: its parties still act
            parties = consented[base]
            if not parties:
                continue
            adopted = max(adopted, max(parties.values()) + timedelta(days=rng.randrange(1, 900)))
            if adopted >= LAST:
                continue
        key = f"/akn/world/act/treaty/{adopted.isoformat()}/t{number}"
        alias = f"t{number}"
        withdrawal_months = rng.choice((0, 6, 12))
        clauses: dict[str, Any] = {"withdrawal": {"months": withdrawal_months}}
        later_days = rng.choice((0, 30, 90))
        living = [p for p in corpus.participants if p.exists(adopted)]
        size = min(len(living), max(2, int(rng.lognormvariate(2.0, 1.0))))
        members = rng.sample(living, size)
        rows: list[dict[str, Any]] = []
        own: dict[str, date] = {}
        if family == "on-signature":
            clauses["entry_into_force"] = "on-signature"
            for p in members:
                day = adopted + timedelta(days=rng.randrange(0, 30))
                if p.exists(day) and day <= LAST:
                    rows.append(_act(alias, p.code, "signature", day))
                    own[p.code] = day
        elif family == "amendment":
            clauses["entry_into_force"] = {"all_parties_of": {"instrument": base}}
            clauses["later_entry_into_force"] = {"days": later_days}
            for code, since in sorted(consented[base].items()):
                day = adopted + timedelta(days=rng.randrange(30, 1500))
                if since <= adopted and rng.random() < 0.9 and by_code[code].exists(day) \
                        and day <= LAST:
                    rows.append(_act(alias, code, "acceptance", day))
                    own[code] = day
        else:
            count = min(size, max(1, int(rng.triangular(1, 40, 5))))
            delay = rng.choice((0, 30, 90))
            if family == "threshold":
                clauses["entry_into_force"] = {"threshold": {"count": count, "days": delay}}
            elif family == "double-threshold":
                # Whole numbers: their sums are exact in Python and in SQL alike, so both
                # reckon a share of exactly 55% the same way.
                weights = {p.code: rng.randint(1, 300) for p in members}
                clauses["entry_into_force"] = {"threshold": {
                    "count": count, "days": delay,
                    "share": {"percent": 55, "quantities": weights, "label": "weight"}}}
            clauses["later_entry_into_force"] = {"days": later_days}
            for p in members:
                signed = adopted + timedelta(days=rng.randrange(0, 365))
                if rng.random() < 0.7 and p.exists(signed) and signed <= LAST:
                    rows.append(_act(alias, p.code, "signature", signed))
                    day = signed + timedelta(days=rng.randrange(30, 2500))
                    kind = "ratification"
                else:
                    day = adopted + timedelta(days=rng.randrange(30, 6000))
                    kind = "accession"
                if rng.random() < 0.85 and p.exists(day) and day <= LAST:
                    rows.append(_act(alias, p.code, kind, day))
                    own[p.code] = day
        if family in ("threshold", "double-threshold", "none", "on-signature"):
            rows += _withdrawals(rng, alias, own, clauses, later_days, by_code)
        rows += _successions(rng, alias, rows, own)
        if not rows:
            continue
        # In the order the depositary received them, as a register is written.
        rows.sort(key=lambda r: r["received"])
        corpus.instruments.append({
            "id": key, "alias": alias, "kind": "treaty",
            "titles": {"en": f"Synthetic treaty {number} ({family})"},
            "adopted": adopted.isoformat(), "clauses": clauses,
        })
        corpus.families[alias] = family
        consented[alias] = own
        if family in ("threshold", "none"):
            bases.append(alias)
        corpus.acts += rows
    corpus.bodies = _conferences(corpus, random.Random(f"{seed}/bodies"))
    return corpus


def _conferences(corpus: Corpus, rng: random.Random) -> list[dict[str, Any]]:
    """Conferences of the parties: bodies whose membership rule makes the parties of one
    instrument its member states (the instrument is the body's charter, nobody founds it).
    Drawn with their own random stream, so the instruments and acts of a seed stay as they
    were before worlds had bodies."""
    acts: dict[str, int] = {}
    for act in corpus.acts:
        acts[act["instrument"]] = acts.get(act["instrument"], 0) + 1
    eligible = [i for i in corpus.instruments
                if corpus.families[i["alias"]] in ("threshold", "double-threshold")]
    sizeable = [i for i in eligible if acts[i["alias"]] >= BODY_MIN_ACTS]
    count = max(MIN_BODIES, len(corpus.instruments) // INSTRUMENTS_PER_BODY)
    pool = sizeable if len(sizeable) >= count else eligible
    chosen = sorted(rng.sample(pool, min(count, len(pool))), key=lambda i: int(i["alias"][1:]))
    return [{
        "alias": f"cop-{i['alias']}",
        "names": {"en": f"Conference of the Parties to {i['titles']['en']}"},
        "founded_by": [i["alias"]],
        "membership": {"founding": [], "charter": i["alias"],
                       "charter_source": "the treaty's institutional clause (synthetic)"},
    } for i in chosen]


def _act(instrument: str, participant: str, kind: str, day: date,
         effective: date | None = None) -> dict[str, Any]:
    row = {"id": f"{instrument}/{participant}/{kind}/{day.isoformat()}",
           "instrument": instrument, "participant": participant, "kind": kind,
           "dated": day.isoformat(), "received": day.isoformat()}
    if effective is not None:
        row["effective"] = effective.isoformat()
    return row


def _withdrawals(rng: random.Random, alias: str, own: dict[str, date], clauses: dict[str, Any],
                 later_days: int, by_code: dict[str, Participant]) -> list[dict[str, Any]]:
    """A few notices, each well after the state is bound: after the N-th consent plus the
    delays (the generator's own reckoning of entry into force, before any withdrawal)."""
    rule = clauses.get("entry_into_force")
    days = sorted(own.values())
    if isinstance(rule, dict) and "threshold" in rule:
        count = rule["threshold"]["count"]
        if len(days) < count:
            return []
        bound_from = days[count - 1] + timedelta(days=rule["threshold"]["days"] + later_days)
    else:
        bound_from = days[0] if days else LAST
    found = []
    for code, day in sorted(own.items()):
        if rng.random() >= 0.03:
            continue
        notice = max(day, bound_from) + timedelta(days=later_days + rng.randrange(365, 3650))
        months = clauses["withdrawal"]["months"]
        effect = notice + timedelta(days=31 * months + 1)
        if by_code[code].exists(effect) and effect <= LAST:
            found.append(_act(alias, code, "denunciation", notice))
    return found


def _successions(rng: random.Random, alias: str, rows: list[dict[str, Any]],
                 own: dict[str, date]) -> list[dict[str, Any]]:
    """A dissolved state's record ends on its last day (ceased-to-exist); its successors
    succeed to an instrument it was bound by, each on a later day, from the dissolution."""
    found = []
    involved = {r["participant"] for r in rows}
    for code, (until, successors) in DISSOLVED.items():
        if code not in involved:
            continue
        found.append(_act(alias, code, "ceased-to-exist", until))
        if code not in own or own[code] >= until:
            continue
        for successor in successors:
            if successor in involved or rng.random() >= 0.6:
                continue
            day = until + timedelta(days=rng.randrange(100, 1500))
            if day <= LAST and (successor != "SCG" or day < DISSOLVED["SCG"][0]):
                found.append(_act(alias, successor, "succession", day, effective=until))
    return found


def items(corpus: Corpus) -> list[tuple[str, str, dict[str, Any]]]:
    """The corpus as register entries: participants, then each instrument, its acts and
    its conference of the parties, if it has one."""
    found: list[tuple[str, str, dict[str, Any]]] = []
    for p in corpus.participants:
        payload: dict[str, Any] = {"code": p.code, "kind": "state", "names": [{"en": p.name}]}
        if p.exists_from:
            payload["exists_from"] = p.exists_from.isoformat()
        if p.exists_until:
            payload["exists_until"] = p.exists_until.isoformat()
        found.append(("participant", p.code, payload))
    conferences = {b["membership"]["charter"]: b for b in corpus.bodies}
    acts = iter(corpus.acts)
    pending = next(acts, None)
    for instrument in corpus.instruments:
        found.append(("instrument", instrument["id"], instrument))
        while pending is not None and pending["instrument"] == instrument["alias"]:
            found.append(("act", pending["id"], pending))
            pending = next(acts, None)
        body = conferences.get(instrument["alias"])
        if body is not None:
            found.append(("body", body["alias"], body))
    return found


def write(corpus: Corpus, folder: Path) -> None:
    """The plain files: what a peer loads, the same facts as the entries."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "participants.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["code", "name", "exists_from", "exists_until"])
        for p in corpus.participants:
            writer.writerow([p.code, p.name, p.exists_from or "", p.exists_until or ""])
    (folder / "instruments.json").write_text(json.dumps(
        [{"id": i["id"], "alias": i["alias"], "adopted": i["adopted"],
          "family": corpus.families[i["alias"]], "clauses": i["clauses"]}
         for i in corpus.instruments], ensure_ascii=False), encoding="utf-8")
    with (folder / "acts.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "instrument", "participant", "kind", "received", "effective"])
        for a in corpus.acts:
            writer.writerow([a["id"], a["instrument"], a["participant"], a["kind"],
                             a["received"], a.get("effective", "")])
    (folder / "bodies.json").write_text(json.dumps(
        [{"alias": b["alias"], "instrument": b["membership"]["charter"], "names": b["names"]}
         for b in corpus.bodies], ensure_ascii=False), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--acts", type=int, default=2_000_000)
    parser.add_argument("--seed", type=int, default=1991)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    corpus = generate(args.acts, args.seed)
    write(corpus, args.out)
    print(f"{len(corpus.participants)} participants, {len(corpus.instruments)} instruments, "
          f"{len(corpus.acts)} acts, {len(corpus.bodies)} bodies in {args.out}")


if __name__ == "__main__":
    main()
