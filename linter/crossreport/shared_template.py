"""shared_template: reports of different agencies for the same year share most of a section
(a template filled in without change).

Candidates come from a MinHash LSH index (datasketch) over character shingles, so a year of
thousands of reports is not compared pair by pair; each candidate is then measured exactly
(text.py). Each report of such a pair gets one finding, naming the closest other report."""

from collections import Counter

from linter.crossreport import CrossHit
from linter.crossreport._common import named
from linter.crossreport.grouping import agency_of
from linter.crossreport.text import cleaned, shared

SCOPE = "year"


def prepare() -> None:
    import datasketch  # noqa: F401  (with scipy: half a second, best spent while the workers run)


def _minhash(text: str, params):
    from datasketch import MinHash

    width = params["shingle"]
    signature = MinHash(num_perm=params["num_perm"])
    signature.update_batch([text[i:i + width].encode("utf-8") for i in range(len(text) - width + 1)])
    return signature


def _proposed(texts: list, params):
    """For each distinct text, the keys of the texts the MinHash index proposes (its own
    included), at most `max_candidates` + 1 in key order."""
    if len(texts) < 2:  # a text alone needs no index (datasketch imports scipy: half a second)
        yield from ([] for _ in texts)
        return
    from datasketch import MinHashLSH

    signatures = [_minhash(text.text, params) for text in texts]
    index = MinHashLSH(threshold=params["jaccard"], num_perm=params["num_perm"])
    for key, signature in enumerate(signatures):
        index.insert(key, signature)
    for signature in signatures:
        yield sorted(index.query(signature))[:params["max_candidates"] + 1]


def check(results, params, aliases=None):
    """Reports with the same cleaned text form one group, measured once: a template copied by
    a thousand agencies costs one measurement, not a million. Each distinct text is measured
    against at most `max_candidates` others the index proposes, so the pass stays linear."""
    if len(results) < 2:  # nothing to share a text with (and the index's set-up is not free)
        return
    number = params["sections"][0]
    groups: dict[str, tuple] = {}  # cleaned text -> (Cleaned, [(result, agency)]): one Cleaned a group
    for result in results:
        text = cleaned(result.summary.texts.get(number, ""), params)
        if len(text.text) >= params["min_chars"]:
            groups.setdefault(text.text, (text, []))[1].append((result, agency_of(result, aliases)))
    texts = [text for text, _ in groups.values()]
    distinct = [members for _, members in groups.values()]
    agencies = [Counter(agency for _, agency in members) for members in distinct]
    for key, proposed in enumerate(_proposed(texts, params)):
        members, text = distinct[key], texts[key]
        matching = [(shared(text, text, params["min_run"]), key)]  # the group's own copies: all of it
        for candidate in proposed:
            if candidate == key:
                continue
            other = texts[candidate]
            base, against = (text, other) if len(text.text) <= len(other.text) else (other, text)
            measured = shared(base, against, params["min_run"])
            if measured[0] >= params["share"]:
                matching.append((measured, candidate))
        matching.sort(key=lambda found: -found[0][0])
        for result, agency in members:
            others = sum(len(distinct[k]) - agencies[k][agency] for _, k in matching)
            best = next((((share, passage), k) for (share, passage), k in matching if len(distinct[k]) > agencies[k][agency]), None)
            if best is None:
                continue
            (share, passage), k = best
            other = next(r for r, a in distinct[k] if a != agency)
            yield result, CrossHit(f"section.{number}", {
                "heading": result.summary.headings.get(number, ""), "percent": round(share * 100),
                "passage": passage, "matches": others, **named(other),
            })
