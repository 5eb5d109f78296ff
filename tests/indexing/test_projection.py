"""The first pass by principal axes: projections held in groups find what a scan of every
vector finds, and a filtered search reads as many allowed vectors as an unfiltered one."""

import faiss
import numpy as np
import pytest

from qa.indexing.projection import GROUP_SIZE, SEARCHED_SHARE, Projection

GROUPS = 20


def _clustered(count: int, seed: int = 0, dimension: int = 128, themes: int = 12) -> np.ndarray:
    """Return unit vectors near a few themes, as the letters' passages and sentences are; as
    many dimensions as the projection keeps, so that only its groups can miss a vector."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((themes, dimension))
    vectors = centres[rng.integers(0, themes, count)] + rng.standard_normal((count, dimension))
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


@pytest.fixture(scope="module")
def vectors() -> np.ndarray:
    return _clustered(GROUPS * GROUP_SIZE)


@pytest.fixture(scope="module")
def projection(vectors) -> Projection:
    return Projection.holding(vectors)


def test_every_vector_is_held_under_its_own_id_in_groups_of_the_chosen_size(vectors, projection):
    assert projection.index.ntotal == len(vectors)
    assert projection.index.nlist == GROUPS
    sizes = [projection.index.invlists.list_size(group) for group in range(GROUPS)]
    assert sum(sizes) == len(vectors)
    for row in (0, 1, 4321, len(vectors) - 1):
        assert projection.search(vectors[row], 1, None).tolist() == [row]


def _near(vectors: np.ndarray, count: int, seed: int) -> np.ndarray:
    """Return count questions, each near one of the vectors."""
    rng = np.random.default_rng(seed)
    chosen = vectors[rng.choice(len(vectors), count, replace=False)]
    queries = chosen + 0.05 * rng.standard_normal(chosen.shape)
    return (queries / np.linalg.norm(queries, axis=1, keepdims=True)).astype(np.float32)


def test_a_search_finds_the_nearest_vectors_a_scan_of_every_vector_finds(vectors, projection):
    queries = _near(vectors, 30, seed=1)
    agree = []
    for query in queries:
        exact = set(np.argsort(-(vectors @ query))[:10].tolist())
        found = projection.search(query, 200, None)
        rescored = found[np.argsort(-(vectors[found] @ query))][:10]
        agree.append(len(exact & set(rescored.tolist())) / 10)
    assert np.mean(agree) >= 0.95


def test_a_search_reads_a_share_of_the_groups_not_all(vectors, projection):
    stats = faiss.cvar.indexIVF_stats
    stats.reset()
    projection.search(vectors[7], 100, None)
    assert stats.nlist == int(np.ceil(GROUPS * SEARCHED_SHARE))
    assert stats.ndis < len(vectors) / 2


def test_a_search_allowing_few_vectors_reads_every_group_and_finds_them_all(vectors, projection):
    allowed = np.zeros(len(vectors), dtype=bool)
    allowed[np.random.default_rng(2).choice(len(vectors), 60, replace=False)] = True
    found = projection.search(vectors[3], 1000, allowed)
    assert sorted(found.tolist()) == np.flatnonzero(allowed).tolist()


def test_a_filtered_search_finds_only_allowed_vectors_best_first(vectors, projection):
    allowed = np.arange(len(vectors)) % 2 == 0
    query = _near(vectors, 1, seed=3)[0]
    found = projection.search(query, 50, allowed)
    assert len(found) == 50 and allowed[found].all()
    exact = np.flatnonzero(allowed)[np.argsort(-(vectors[allowed] @ query))][:5]
    assert exact[0] in found[:5]


def test_codes_added_group_by_group_search_as_faiss_adding_them_one_by_one(vectors):
    sample = vectors[::4]
    ours = Projection.fitted(sample, len(vectors))
    theirs = faiss.clone_index(ours.index)
    ours.add(ours.encode(vectors))
    theirs.add(ours.project(vectors))
    queries = ours.project(_near(vectors, 5, seed=4))
    for index in (ours.index, theirs):
        index.nprobe = 5
    found, expected = ours.index.search(queries, 20), theirs.search(queries, 20)
    assert np.array_equal(found[1], expected[1])
    assert np.allclose(found[0], expected[0])


def test_few_vectors_are_held_in_one_group(vectors):
    small = Projection.holding(vectors[:300])
    assert small.index.nlist == 1 and small.index.ntotal == 300
    assert small.search(vectors[5], 1, None).tolist() == [5]
