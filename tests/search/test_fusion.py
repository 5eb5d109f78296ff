import numpy as np
import pytest

from qa.search.fusion import Ranking, combine


def _ranking(scores: dict[int, float], everywhere: float = 0.0, weight: float = 1.0) -> Ranking:
    rows = np.array(sorted(scores, key=lambda row: -scores[row]))
    return Ranking(
        rows,
        np.array([scores[r] for r in rows]),
        lambda wanted: np.array([scores.get(int(r), everywhere) for r in wanted]),
        weight,
    )


def test_a_passage_one_ranking_is_sure_of_beats_one_middling_in_both():
    # BM25 puts row 7 far ahead of everything; dense ranks it 12th of 20. Row 3 is third in
    # both: reciprocal rank fusion (k = 60) would put it first.
    keyword = _ranking({7: 30.0, 1: 6.5, 2: 6.2, 3: 6.0} | {r: 5.0 - r / 10 for r in range(8, 24)})
    dense = _ranking({1: 0.62, 2: 0.61, 3: 0.60} | {r: 0.60 - r / 100 for r in range(4, 21)})
    assert [row for row, _ in combine([dense, keyword])][0] == 7


def test_scores_are_one_for_the_best_and_fall_below_it():
    fused = combine([_ranking({1: 3.0, 2: 2.0, 3: 1.0})])
    assert [row for row, _ in fused] == [1, 2, 3]
    assert fused[0][1] == 1.0
    assert 0 < fused[2][1] < fused[1][1] < 1


def test_a_row_only_one_ranking_found_is_scored_by_the_other_too():
    dense = _ranking({1: 0.9, 2: 0.5, 3: 0.4, 5: 0.3}, everywhere=0.1)
    keyword = _ranking({4: 9.0, 2: 8.0, 1: 1.0})
    fused = dict(combine([dense, keyword]))
    assert set(fused) == {1, 2, 3, 4, 5}
    # Row 4's dense score (0.1, below all of dense's own) is asked for: row 2 stays above it.
    assert fused[2] > fused[4]


def test_a_heavier_ranking_decides_between_rows_the_rankings_disagree_on():
    dense = {1: 0.9, 2: 0.5, 3: 0.45}
    keyword = {2: 9.0, 1: 5.0, 3: 4.5}
    assert combine([_ranking(dense, weight=3.0), _ranking(keyword)])[0][0] == 1
    assert combine([_ranking(dense), _ranking(keyword, weight=3.0)])[0][0] == 2


@pytest.mark.parametrize("rankings", [[], [_ranking({})]])
def test_nothing_found_fuses_to_nothing(rankings):
    assert combine(rankings) == []


def test_one_candidate_alone_is_first_with_score_one():
    assert combine([_ranking({5: 2.0})]) == [(5, 1.0)]
