"""lotus_tools.core.scales holds Appendix 3's Tables 1-3 word for word, each descriptor once."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from lotus_tools.core import scales
from tests import appendix3_source as source


def all_descriptors() -> list[str]:
    """Every descriptive text of Tables 1-3 in the data."""
    return [
        *(row.description for row in scales.LIKELIHOODS),
        *(f.explanation for f in scales.CONTRIBUTORY_FACTORS),
        *(text for level in scales.CONSEQUENCES for _, text in level.descriptors),
    ]


def test_titles_are_the_source_s() -> None:
    assert source.titles() == [scales.LIKELIHOOD_TITLE, scales.FACTORS_TITLE, scales.CONSEQUENCE_TITLE]


def test_likelihood_is_table_1_most_likely_first_in_the_source() -> None:
    data = [(row.name, row.description, row.probability) for row in reversed(scales.LIKELIHOODS)]
    assert data == source.likelihood_rows()


def test_levels_count_from_1_to_5() -> None:
    assert [row.level for row in scales.LIKELIHOODS] == list(scales.LEVELS) == [1, 2, 3, 4, 5]
    assert [row.level for row in scales.CONSEQUENCES] == list(scales.LEVELS)


def test_labels_are_the_matrix_s() -> None:
    matrix = source.matrix()
    assert tuple(row.label for row in scales.LIKELIHOODS) == matrix.likelihood_labels
    assert tuple(row.label for row in scales.CONSEQUENCES) == matrix.severity_labels


def _percent_range(probability: str) -> tuple[float, float]:
    """ "<0.1%" -> (0, 0.1), "10-50%" -> (10, 50), ">50%" -> (50, 100)."""
    if match := re.fullmatch(r"<([\d.]+)%", probability):
        return 0.0, float(match[1])
    if match := re.fullmatch(r">([\d.]+)%", probability):
        return float(match[1]), 100.0
    low, high = re.fullmatch(r"([\d.]+)-([\d.]+)%", probability).groups()
    return float(low), float(high)


@pytest.mark.parametrize("row", scales.LIKELIHOODS, ids=lambda row: row.name)
def test_percent_range_matches_the_written_probability(row: scales.Likelihood) -> None:
    assert (row.lowest_percent, row.highest_percent) == _percent_range(row.probability)


def test_percent_ranges_cover_0_to_100_without_gaps() -> None:
    edges = [(row.lowest_percent, row.highest_percent) for row in scales.LIKELIHOODS]
    assert edges[0][0] == 0 and edges[-1][1] == 100
    assert all(previous[1] == following[0] for previous, following in zip(edges, edges[1:], strict=False))


def test_contributory_factors_are_table_2() -> None:
    assert [(f.name, f.explanation) for f in scales.CONTRIBUTORY_FACTORS] == source.factor_rows()
    assert len(scales.CONTRIBUTORY_FACTORS) == 6


def test_domains_are_table_3_s_in_order() -> None:
    domains = list(dict.fromkeys(domain for _, domain, _ in source.consequence_rows()))
    assert [d.name for d in scales.DOMAINS] == domains
    assert len(domains) == 5


def test_consequences_are_table_3_most_severe_first_in_the_source() -> None:
    data = [
        (level.name, scales.domain(key).name, text)
        for level in reversed(scales.CONSEQUENCES)
        for key, text in level.descriptors
    ]
    assert data == source.consequence_rows()


def test_every_level_has_a_descriptor_in_every_domain() -> None:
    keys = [d.key for d in scales.DOMAINS]
    for level in scales.CONSEQUENCES:
        assert [key for key, _ in level.descriptors] == keys
        assert all(level.descriptor(key) for key in keys)


def test_every_descriptor_is_in_the_data_once_and_in_the_source() -> None:
    descriptors = all_descriptors()
    assert len(descriptors) == 5 + 6 + 25
    assert [text for text, count in Counter(descriptors).items() if count > 1] == []
    assert [text for text in descriptors if text not in source.text()] == []


def test_keys_are_unique() -> None:
    for keys in ([d.key for d in scales.DOMAINS], [f.key for f in scales.CONTRIBUTORY_FACTORS]):
        assert len(set(keys)) == len(keys)


def test_look_ups_find_their_row() -> None:
    assert scales.likelihood(4).name == "Likely"
    assert scales.consequence(3).name == "Moderate"
    assert scales.domain("financial").name == "Financial"


def test_the_likelihood_instruction_is_appendix_3s_instruction_4_whole() -> None:
    """What the calculator quotes beside its probability box: the instruction's every sentence, frequency first."""
    [instruction] = [line.removeprefix("4. ") for line in source.lines() if line.startswith("4. ")]
    assert instruction == scales.LIKELIHOOD_INSTRUCTION
