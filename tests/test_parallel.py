"""Worker processes for the per-document stage (geoinc.parallel, extract(jobs=...))."""

from __future__ import annotations

import pytest
from scale_fixtures import dispatch, write_corpus

from geoinc.cli.main import main
from geoinc.exceptions import ConfigurationError, ExtractionError, InputError
from geoinc.extraction.documents import iter_documents
from geoinc.extraction.pipeline import extract_reports, extract_with_status
from geoinc.incidents.io import to_geojson
from geoinc.parallel import map_documents, resolve_jobs


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"), 60)


@pytest.fixture(scope="module")
def serial(corpus):
    return extract_with_status(corpus, on_error="record", jobs=1)


def _fails_on_shelling(doc, *, gazetteer=None):
    """A per-document function that fails for some documents (module level: picklable)."""
    if "shelling" in doc.text:
        raise ExtractionError(f"refused {doc.doc_id}")
    return len(doc.text)


def test_two_jobs_give_byte_identical_geojson_and_statuses(corpus, serial):
    frame1, status1 = serial
    frame2, status2 = extract_with_status(corpus, on_error="record", jobs=2)
    assert len(frame1) >= 8
    assert to_geojson(frame2) == to_geojson(frame1)
    assert [s.as_dict() for s in status2] == [s.as_dict() for s in status1]
    assert {s.status for s in status1} == {"ok", "none", "error"}


def test_results_come_back_in_input_order_with_the_document(corpus):
    items = list(iter_documents(corpus))
    out = list(map_documents(extract_reports, items, jobs=2, chunk_size=3))
    assert [label for label, _, _ in out] == [label for label, _ in items]
    for (_, item), (_, back, res) in zip(items, out, strict=True):
        assert back is item
        if isinstance(item, InputError):
            assert res is None
        else:
            assert res.document is item  # re-attached: the text did not travel back


def test_input_is_read_as_workers_consume_it():
    consumed = 0

    def texts():
        nonlocal consumed
        for i in range(400):
            consumed += 1
            yield dispatch(i)

    results = map_documents(len_of_text, iter_documents(texts()), jobs=2, chunk_size=4)
    next(results)
    # at most 2 * jobs chunks in flight plus the one being filled, never the whole input
    assert consumed <= (2 * 2 + 1) * 4 + 1
    assert sum(1 for _ in results) == 399


def len_of_text(doc, *, gazetteer=None):
    return len(doc.text)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_document_error_is_returned_not_raised(jobs):
    texts = [dispatch(i) for i in range(6)]
    out = list(map_documents(_fails_on_shelling, iter_documents(texts), jobs=jobs, chunk_size=2))
    errors = [res for _, _, res in out if isinstance(res, ExtractionError)]
    assert len(errors) == sum("shelling" in t for t in texts) > 0
    assert all(str(e).startswith("refused sha1:") for e in errors)
    assert [res for _, _, res in out if isinstance(res, int)] == [
        len(t) for t in texts if "shelling" not in t
    ]


@pytest.mark.parametrize(
    ("jobs", "expected"), [(1, 1), (3, 3), (0, None), (-1, None), (None, None)]
)
def test_resolve_jobs(jobs, expected):
    import os

    assert resolve_jobs(jobs) == (expected or os.cpu_count())


@pytest.mark.parametrize("jobs", [-2, 1.5, "2", True])
def test_bad_jobs_are_refused(jobs):
    with pytest.raises(ConfigurationError, match="jobs must be"):
        resolve_jobs(jobs)


def test_bad_chunk_size_is_refused():
    with pytest.raises(ConfigurationError, match="chunk_size"):
        list(map_documents(len_of_text, iter_documents(["x"]), chunk_size=0))


def test_cli_jobs_output_identical(corpus, tmp_path):
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}.geojson"
        rc = main(["extract", str(corpus), "-o", str(out), "--no-progress", "--jobs", jobs])
        assert rc == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_mixed_inputs_read_by_workers_keep_labels_and_errors(corpus, tmp_path):
    from geoinc.extraction.documents import document_from_text

    inputs = [
        corpus,
        dispatch(1),
        {"text": dispatch(2), "source": "Given"},
        {"oops": 1},
        tmp_path / "missing.txt",
        str(corpus / "d00003.txt"),
        document_from_text(dispatch(4)),
        42,
    ]
    one = extract_with_status(inputs, on_error="record", jobs=1)
    two = extract_with_status(inputs, on_error="record", jobs=2)
    assert [s.as_dict() for s in two[1]] == [s.as_dict() for s in one[1]]
    assert to_geojson(two[0]) == to_geojson(one[0])
    assert {"text:1", "input:7", str(tmp_path / "missing.txt")} <= {s.input for s in one[1]}
