"""lotus_tools.core.risk: scores, bands, probability, assessment and bad input."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lotus_tools.core import scales
from lotus_tools.core.risk import (
    ACHIEVABLE_SCORES,
    COLOURS,
    NPSA_2008,
    Band,
    BandPolicy,
    RiskError,
    assess,
    likelihood_from_probability,
    make_risk,
    score,
)
from tests import appendix3_source as source

levels = st.sampled_from(scales.LEVELS)

# --- the matrix -----------------------------------------------------------------


@pytest.mark.parametrize(("cell", "expected"), sorted(source.matrix().scores.items()), ids=str)
def test_every_cell_is_the_source_s(cell: tuple[int, int], expected: int) -> None:
    likelihood, consequence = cell
    assert score(likelihood, consequence) == expected


def test_achievable_scores_are_the_matrix_s() -> None:
    assert tuple(sorted(set(source.matrix().scores.values()))) == ACHIEVABLE_SCORES
    assert ACHIEVABLE_SCORES == (1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 25)


@given(levels, levels)
def test_score_rises_with_each_argument(likelihood: int, consequence: int) -> None:
    here = score(likelihood, consequence)
    if likelihood < 5:
        assert score(likelihood + 1, consequence) > here
    if consequence < 5:
        assert score(likelihood, consequence + 1) > here


# --- bands ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("risk_score", "name", "colour"),
    [
        (1, "low risk", "Green"),
        (3, "low risk", "Green"),
        (4, "moderate risk", "Green"),
        (6, "moderate risk", "Green"),
        (8, "high risk", "Amber"),
        (12, "high risk", "Amber"),
        (15, "extreme risk", "Red"),
        (25, "extreme risk", "Red"),
    ],
)
def test_npsa_2008_band_edges(risk_score: int, name: str, colour: str) -> None:
    band = NPSA_2008.band(risk_score)
    assert (band.name, band.colour) == (name, colour)


@pytest.mark.parametrize("risk_score", [0, 7, 11, 26])
def test_a_score_the_matrix_cannot_give_has_no_band(risk_score: int) -> None:
    with pytest.raises(RiskError, match="not a score the 5x5 matrix can give"):
        NPSA_2008.band(risk_score)


@st.composite
def policies(draw: st.DrawFn) -> BandPolicy:
    """Any valid policy: the achievable scores cut into runs, colours never going down."""
    cuts = sorted(draw(st.sets(st.integers(1, len(ACHIEVABLE_SCORES) - 1), max_size=len(ACHIEVABLE_SCORES) - 1)))
    edges = [0, *cuts, len(ACHIEVABLE_SCORES)]
    runs = [ACHIEVABLE_SCORES[start:end] for start, end in zip(edges, edges[1:], strict=False)]
    colours = sorted(
        draw(st.lists(st.sampled_from(COLOURS), min_size=len(runs), max_size=len(runs))), key=COLOURS.index
    )
    return BandPolicy(
        tuple(
            Band(f"band {i}", colour, run[0], run[-1])
            for i, (run, colour) in enumerate(zip(runs, colours, strict=False))
        )
    )


@given(st.one_of(st.just(NPSA_2008), policies()), levels, levels)
def test_band_never_goes_down_as_the_score_rises(policy: BandPolicy, likelihood: int, consequence: int) -> None:
    def rank(risk_score: int) -> tuple[int, int]:
        band = policy.band(risk_score)
        return policy.bands.index(band), COLOURS.index(band.colour)

    here = rank(score(likelihood, consequence))
    if likelihood < 5:
        assert rank(score(likelihood + 1, consequence)) >= here
    if consequence < 5:
        assert rank(score(likelihood, consequence + 1)) >= here


@given(policies())
def test_every_achievable_score_is_in_exactly_one_band(policy: BandPolicy) -> None:
    for risk_score in ACHIEVABLE_SCORES:
        assert sum(band.holds(risk_score) for band in policy.bands) == 1


def _bands(*spans: tuple[str, int, int]) -> tuple[Band, ...]:
    return tuple(Band(f"{colour} {low}", colour, low, high) for colour, low, high in spans)


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        (_bands(("Green", 1, 6), ("Red", 15, 25)), "no band holds the score(s) 8, 9, 10, 12"),
        (_bands(("Green", 1, 4), ("Amber", 4, 12), ("Red", 15, 25)), "more than one band holds the score(s) 4"),
        (_bands(("Green", 1, 12), ("Amber", 13, 14), ("Red", 15, 25)), "'Amber 13' hold no score"),
        (_bands(("Red", 15, 25), ("Green", 1, 12)), "listed lowest scores first"),
        (_bands(("Green", 1, 6), ("Red", 8, 12), ("Amber", 15, 25)), "colours must not go down"),
        (_bands(("Blue", 1, 25)), "colour 'Blue'; a colour must be one of Green, Amber, Red"),
        ((), "at least one band"),
    ],
    ids=["gap", "overlap", "empty band", "unordered", "colour down", "bad colour", "no bands"],
)
def test_invalid_policies_are_rejected_naming_the_problem(bands: tuple[Band, ...], message: str) -> None:
    with pytest.raises(RiskError) as raised:
        BandPolicy(bands)
    assert raised.value.field == "risk_bands"
    assert message in str(raised.value)


def test_same_band_names_are_rejected() -> None:
    with pytest.raises(RiskError, match="same name"):
        BandPolicy((Band("risk", "Green", 1, 6), Band("risk", "Red", 8, 25)))


def test_policy_round_trips_through_config() -> None:
    assert BandPolicy.from_config(NPSA_2008.as_config()) == NPSA_2008


@pytest.mark.parametrize(
    "entries",
    [
        [{"name": "all", "colour": "Green", "min": 1}],
        [{"name": "all", "colour": "Green", "min": "1", "max": 25}],
        [{"name": "all", "colour": "Green", "min": True, "max": 25}],
        [{"name": "all", "colour": "Green", "min": 1.5, "max": 25}],
        ["low risk"],
        {"name": "all", "colour": "Green", "min": 1, "max": 25},
    ],
    ids=["no max", "text min", "true min", "fraction min", "not a band", "not a list"],
)
def test_bad_config_entries_are_rejected(entries: object) -> None:
    with pytest.raises(RiskError) as raised:
        BandPolicy.from_config(entries)
    assert raised.value.field == "risk_bands"


# --- probability -> likelihood --------------------------------------------------


@pytest.mark.parametrize(
    ("percent", "level"),
    [
        (0, 1),
        (0.0999, 1),
        (0.1, 2),
        (0.999, 2),
        (1, 3),
        (9.999, 3),
        (10, 4),
        (50, 4),
        (50.0001, 5),
        (100, 5),
    ],
)
def test_probability_edges(percent: float, level: int) -> None:
    assert likelihood_from_probability(percent) == level


@given(st.floats(0, 100), st.floats(0, 100))
def test_likelihood_never_goes_down_as_probability_rises(first: float, second: float) -> None:
    low, high = sorted((first, second))
    assert likelihood_from_probability(low) <= likelihood_from_probability(high)


@given(st.floats(0, 100))
def test_probability_falls_in_its_level_s_range(percent: float) -> None:
    row = scales.likelihood(likelihood_from_probability(percent))
    assert row.lowest_percent <= percent <= row.highest_percent


# --- bad input ------------------------------------------------------------------

BAD_LEVELS = [0, 6, -1, 2.5, "3", True, None]


@pytest.mark.parametrize("value", BAD_LEVELS, ids=repr)
@pytest.mark.parametrize("field", ["likelihood", "consequence"])
def test_bad_levels_name_the_field_and_the_allowed_values(field: str, value: object) -> None:
    arguments = {"likelihood": 3, "consequence": 3, field: value}
    with pytest.raises(RiskError) as raised:
        score(**arguments)
    error = raised.value
    assert error.field == field
    assert f"The {field} must be a whole number from 1 to 5" in error.message
    rows = scales.LIKELIHOODS if field == "likelihood" else scales.CONSEQUENCES
    assert all(f"{row.level} ({row.name})" in error.message for row in rows)
    assert repr(value) in error.message


@pytest.mark.parametrize("value", [-1, -0.001, 100.001, 10**40, math.inf, math.nan, "abc", "20", True, None], ids=repr)
def test_bad_probabilities_name_the_field(value: object) -> None:
    with pytest.raises(RiskError) as raised:
        likelihood_from_probability(value)
    assert raised.value.field == "probability"
    assert "probability" in raised.value.message
    assert "0 to 100" in raised.value.message


@pytest.mark.parametrize("value", ["Financial", "", "safety ", 3])
def test_unknown_domain_names_the_field_and_the_domains(value: object) -> None:
    with pytest.raises(RiskError) as raised:
        make_risk({"domain": value, "consequence": 3, "likelihood": 4})
    assert raised.value.field == "domain"
    assert all(f"{d.key} ({d.name})" in raised.value.message for d in scales.DOMAINS)


@pytest.mark.parametrize(
    ("entry", "field"),
    [
        ({"consequence": 3}, "likelihood"),
        ({"likelihood": 4}, "consequence"),
        ({"likelihood": 4, "consequence": 3, "description": 5}, "description"),
        ({"likelihood": 4, "consequence": 3, "factors": ["health"]}, "factors"),
        ({"likelihood": 4, "consequence": 3, "factors": {"mood": "low"}}, "factors"),
        ({"likelihood": 4, "consequence": 3, "factors": {"health": 1}}, "factors"),
        ({"probability": "abc", "consequence": 3}, "probability"),
    ],
)
def test_bad_entries_name_the_field(entry: dict[str, object], field: str) -> None:
    with pytest.raises(RiskError) as raised:
        make_risk({"domain": "safety", **entry})
    assert raised.value.field == field


def test_an_entry_must_be_a_mapping() -> None:
    with pytest.raises(RiskError) as raised:
        make_risk("likely")
    assert raised.value.field == "risks"


def test_a_domain_is_required_unless_scoring_alone() -> None:
    with pytest.raises(RiskError) as raised:
        make_risk({"likelihood": 4, "consequence": 3})
    assert raised.value.field == "domain"
    assert make_risk({"likelihood": 4, "consequence": 3}, domain_required=False).domain is None


# --- assessment -----------------------------------------------------------------


def test_a_risk_is_scored_and_summarised() -> None:
    [assessed] = assess([{"description": "d", "domain": "safety", "likelihood": 4, "consequence": 3}]).risks
    assert assessed.score == 12
    assert assessed.summary == "Moderate (3) x Likely (4) = 12: high risk (Amber)"


def test_probability_stands_in_for_likelihood() -> None:
    [assessed] = assess([{"domain": "management", "probability": 20, "consequence": 3}]).risks
    assert assessed.risk.likelihood == 4


def test_likelihood_is_used_where_both_are_given() -> None:
    [assessed] = assess([{"domain": "management", "likelihood": 1, "probability": 20, "consequence": 3}]).risks
    assert assessed.risk.likelihood == 1


def test_factors_are_kept() -> None:
    risk = make_risk({"domain": "safety", "likelihood": 2, "consequence": 2, "factors": {"health": "Signs of stress."}})
    assert risk.factors == {"health": "Signs of stress."}


def test_overall_rating_is_the_highest_score() -> None:
    levels = [(1, 1), (5, 4), (3, 3)]
    assessment = assess([{"domain": "safety", "likelihood": lk, "consequence": c} for lk, c in levels])
    assert assessment.overall.score == 20
    assert assessment.overall.band.name == "extreme risk"


def test_overall_rating_of_equal_scores_is_the_first_entered() -> None:
    assessment = assess(
        [
            {"description": "first", "domain": "financial", "likelihood": 3, "consequence": 4},
            {"description": "second", "domain": "safety", "likelihood": 4, "consequence": 3},
        ]
    )
    assert assessment.overall.risk.description == "first"


def test_assessment_uses_the_policy_given() -> None:
    policy = BandPolicy((Band("acceptable", "Green", 1, 9), Band("unacceptable", "Red", 10, 25)))
    assert assess([{"domain": "safety", "likelihood": 4, "consequence": 3}], policy).overall.band.name == "unacceptable"


def test_nothing_to_assess_is_an_error() -> None:
    with pytest.raises(RiskError) as raised:
        assess([])
    assert raised.value.field == "risks"


def test_a_huge_number_gets_a_sentence_not_a_crash() -> None:
    with pytest.raises(RiskError, match="it was a number too long to show"):
        make_risk({"domain": "safety", "consequence": 10**5000, "likelihood": 1})
    with pytest.raises(RiskError, match="from 0 to 100 percent"):
        make_risk({"domain": "safety", "consequence": 1, "probability": 10**400})


def test_a_misspelt_band_key_is_named_not_ignored() -> None:
    entries = [{"name": "all", "colour": "Green", "min": 1, "max": 25, "guidence": "Review."}]
    with pytest.raises(
        RiskError, match="The band 'all' has guidence; a band has only name, colour, min, max and guidance"
    ):
        BandPolicy.from_config(entries)


@pytest.mark.parametrize("name", ["", "   "])
def test_a_band_without_a_name_is_refused_in_words(name: str) -> None:
    with pytest.raises(RiskError, match="Each risk band needs a name"):
        BandPolicy.from_config([{"name": name, "colour": "Red", "min": 1, "max": 25}])


@pytest.mark.parametrize(
    ("entries", "words"),
    [
        (
            [{"name": f"band {n}", "colour": "Green", "min": 30, "max": 40} for n in range(10_000)]
            + [{"name": "all", "colour": "Red", "min": 1, "max": 25}],
            "the band(s) 'band 0', 'band 1', 'band 2' and 9,997 more hold no score",
        ),
        ([{"name": "x" * 5000, "colour": "Purple", "min": 1, "max": 25}], "colour 'Purple'"),
        ([{"name": "all", "colour": "y" * 5000, "min": 1, "max": 25}], "a colour must be one of Green, Amber, Red"),
        (
            [{"name": "all", "colour": "Red", "min": 1, "max": 25, **{f"key{n}": 1 for n in range(1000)}}],
            "has key0, key1, key10 and 997 more; a band has only",
        ),
    ],
    ids=["10,000 empty bands", "a long name", "a long colour", "1,000 unknown keys"],
)
def test_a_message_about_a_huge_policy_quotes_only_a_little_of_it(entries: list, words: str) -> None:
    with pytest.raises(RiskError) as raised:
        BandPolicy.from_config(entries)
    assert words in raised.value.message
    assert len(raised.value.message) < 400, raised.value.message[:500]
