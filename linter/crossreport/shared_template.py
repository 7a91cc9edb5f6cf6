"""shared_template: reports of different agencies for the same year share most of a section
(a template filled in without change).

Candidates come from a MinHash LSH index (datasketch) over character shingles, so a year of
thousands of reports is not compared pair by pair; each candidate is then measured exactly
(text.py). Each report of such a pair gets one finding, naming the closest other report."""

from linter.crossreport import CrossHit
from linter.crossreport._common import named
from linter.crossreport.grouping import agency_of
from linter.crossreport.text import cleaned, shared

SCOPE = "year"


def _minhash(text: str, params):
    from datasketch import MinHash

    width = params["shingle"]
    signature = MinHash(num_perm=params["num_perm"])
    signature.update_batch([text[i:i + width].encode("utf-8") for i in range(len(text) - width + 1)])
    return signature


def check(results, params, aliases=None):
    from datasketch import MinHashLSH

    number = params["sections"][0]
    texts, signatures = [], []
    index = MinHashLSH(threshold=params["jaccard"], num_perm=params["num_perm"])
    for result in results:
        text = cleaned(result.summary.texts.get(number, ""), params)
        if len(text.text) < params["min_chars"]:
            continue
        signature = _minhash(text.text, params)
        index.insert(len(texts), signature)
        texts.append((result, text))
        signatures.append(signature)
    for position, (result, text) in enumerate(texts):
        agency = agency_of(result, aliases)
        best, others = None, 0
        for candidate in index.query(signatures[position]):
            other, other_text = texts[candidate]
            if candidate == position or agency_of(other, aliases) == agency:
                continue
            base, against = (text, other_text) if len(text.text) <= len(other_text.text) else (other_text, text)
            share, passage = shared(base, against, params["min_run"])
            if share >= params["share"]:
                others += 1
                if best is None or share > best[0]:
                    best = (share, passage, other)
        if best is not None:
            share, passage, other = best
            yield result, CrossHit(f"section.{number}", {
                "heading": result.summary.headings.get(number, ""), "percent": round(share * 100),
                "passage": passage, "matches": others, **named(other),
            })
