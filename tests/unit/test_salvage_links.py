"""Which salvaged rows are left out because a row they name was lost, and which are kept with
that name emptied (ON DELETE SET NULL): a row left out leaves its own children orphaned too."""

from __future__ import annotations

from ctotui.core.data.import_json import schema_for
from ctotui.core.data.salvage_links import SavedTable, checked_links, keep_linked
from ctotui.core.migrations import known_steps


def test_a_lost_question_takes_its_attempts_and_their_partner_scores_and_frees_its_mock_items() -> None:
    tables = schema_for(tuple(known_steps()))

    def saved(name: str, rows: list[dict]) -> SavedTable:
        return SavedTable(tables[name], checked_links(tables[name]), rows)

    found = {  # the children before the parents: a second round finds what the first orphaned
        "partner_scores": saved("partner_scores", [{"id": 1, "attempt_id": 5}, {"id": 2, "attempt_id": 6}]),
        "questions": saved("questions", [{"id": 1}]),
        "attempts": saved("attempts", [{"id": 5, "question_id": 9}, {"id": 6, "question_id": 1}]),
        "mocks": saved("mocks", [{"id": 3}]),
        "mock_items": saved("mock_items", [{"id": 1, "mock_id": 3, "question_id": 1, "attempt_id": 5}]),
    }
    keep_linked(found, {"mock_items": {"attempt_id"}})
    assert found["attempts"].kept == [False, True] and found["attempts"].left_out == {"questions": 1}
    assert found["partner_scores"].kept == [False, True] and found["partner_scores"].left_out == {"attempts": 1}
    assert found["mock_items"].kept == [True] and found["mock_items"].unlinked == {("attempt_id", "attempts"): 1}
    assert found["mock_items"].kept_texts() == ['{"attempt_id": null, "id": 1, "mock_id": 3, "question_id": 1}']
