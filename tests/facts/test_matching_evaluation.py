"""Claim matching holds to its evaluation (tests/facts/matching_evaluation.py: 64
cross-lingual queries over the seed facts and 69 hand-written claims). The floors sit
just under what the default model measured (docs/matching.md): a change of model,
ranking or bands that loses one of these answers fails here."""

import pytest

from tests.facts.matching_evaluation import evaluate, load_seed_texts, report

pytestmark = pytest.mark.django_db

# (recall@1, recall@5) floors; measured 0.97/1.00, 0.94/1.00, 0.94/1.00, 1.00/1.00.
RECALL_FLOORS = {
    "ko_to_en": (0.96, 1.0),
    "en_to_ko": (0.93, 1.0),
    "paraphrase_to_fact": (0.93, 1.0),
    "changed_number_to_fact": (1.0, 1.0),
}


def test_matching_meets_its_evaluation():
    figures = evaluate(load_seed_texts())
    print(report(figures))
    assert figures.queries() >= 130
    for kind, (at_1, at_5) in RECALL_FLOORS.items():
        assert figures.recall(kind, 1) >= at_1 and figures.recall(kind, 5) >= at_5, kind
    # Every claim restated with another number is marked; at most one of the 48 with
    # the fact's own numbers is ("four in ten" is not read as 40%).
    assert figures.rate(figures.numbers_marked) == 1.0
    assert sum(figures.numbers_false_alarms) <= 1
    # No claim the seed does not hold is called likely_same; four in five of the
    # right first answers are (measured: 0.83).
    assert figures.rate(figures.likely_same_of_unrecorded) == 0.0
    assert figures.rate(figures.likely_same_of_right_firsts) >= 0.8


def test_the_claims_the_issue_names_find_their_facts_first(api):
    facts = load_seed_texts()
    china = api.get("/api/v1/match/", {
        "text": "How many engineers does China graduate each year?"}).json()["results"]
    assert china[0]["fact"]["id"] == str(facts["china-1-5-million-engineering-graduates"]
                                         .public_id)
    experts = api.get("/api/v1/match/", {
        "text": "E-7-S 비자로 들어온 전문가는 40명"}).json()["results"]
    assert experts[0]["fact"]["id"] == str(facts["e7s-visa-only-38-experts-reside"].public_id)
    assert experts[0]["numbers_differ"] is True
