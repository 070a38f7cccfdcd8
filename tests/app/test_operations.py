"""The registry of operations: each registered once, documented, and reachable from the
CLI, the API and the desk; run through it, a write is recorded in the operator's log, a
refusal names its rule there and writes nothing, a bad input names its field."""

from __future__ import annotations

import ast
import json
import logging
from datetime import date
from pathlib import Path

import pytest

from depositary.app.accounts import Accounts
from depositary.app.operations import OPERATIONS, Caller, InvalidInput
from depositary.app.records import JsonLines
from depositary.app.settings import Settings
from depositary.app.workflow import NotPermitted
from depositary.bootstrap import open_register
from depositary.log.entries import EntryKind
from depositary.web.operations import ROUTES
from tests.conftest import parse_python
from tests.docs_cog import cli_commands
from tests.web.desks import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "depositary"
# What the desk's forms do not offer: importing a document is a file's work.
NO_DESK_FORM = {"councils.import"}
# The methods of the workflow, the secretariat and the accounts that write: only
# operations call them.
WRITES = {"grant", "revoke_role", "register_key", "revoke_key", "submit", "examine",
          "register", "return_act", "convene", "table", "record", "consult", "decide",
          "appoint", "import_entries", "set_password", "create_token", "revoke_token_id"}
WRITERS = {"Workflow", "Secretariat", "Accounts"}


def test_each_operation_is_documented_and_reachable_from_every_interface() -> None:
    commands = cli_commands()
    routes = {name for name, _, _, _ in ROUTES}
    documented = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    desk = "\n".join(p.read_text(encoding="utf-8") for p in (SRC / "web").glob("*.py"))
    for name, operation in OPERATIONS.items():
        assert operation.summary, f"{name} has no summary"
        assert f"| `{name}`: {operation.summary}" in documented, f"{name} is not documented"
        assert name in commands, f"no CLI command runs {name}"
        assert name in routes, f"no API route runs {name}"
        if name not in NO_DESK_FORM:
            assert f'run(request, "{name}"' in desk, f"no desk form runs {name}"
        # An entry of the log, except the accounts' secrets (kept in tables of their own)
        # and an import (which writes the entries the document holds).
        assert operation.entry in EntryKind.ALL or name == "councils.import" or (
            name.startswith(("account.", "token.")) and operation.entry == "")
    # Every command that says it runs an operation runs a registered one.
    assert set(commands) <= set(OPERATIONS)
    assert len(routes) == len(ROUTES)


def test_only_the_operations_call_the_methods_that_write() -> None:
    """The CLI and the web never call the writes of the workflow, the secretariat or the
    accounts themselves: they go through the registry, so each operation is written once."""
    offending = []
    for path in [*(SRC / "cli").glob("*.py"), *(SRC / "web").glob("*.py")]:
        tree = parse_python(path)
        made = {  # names bound to a Workflow(...) or Secretariat(...)
            target.id for node in ast.walk(tree) if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name)
            and node.value.func.id in WRITERS
            for target in node.targets if isinstance(target, ast.Name)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in WRITES:
                owner = node.value
                direct = isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and (
                    owner.func.id in WRITERS)
                if direct or (isinstance(owner, ast.Name) and owner.id in made):
                    offending.append(f"{path.relative_to(ROOT)}:{node.lineno} .{node.attr}")
    assert not offending, offending


@pytest.fixture
def stored(staffed_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    return open_register(Settings(home=tmp_path, database_url=staffed_url))


def test_a_refusal_names_its_rule_writes_nothing_and_is_logged(
    stored, caplog: pytest.LogCaptureFixture  # type: ignore[no-untyped-def]
) -> None:
    head = stored.database.head()
    caplog.set_level(logging.INFO, logger="depositary")
    given = {"id": "s-test", "body": "council-of-heads-of-state", "date": "2026-01-10"}
    with pytest.raises(NotPermitted, match=r"session\.convene needs the role secretariat"):
        OPERATIONS["session.convene"].run(stored, Caller("officer"), given)
    assert stored.database.head() == head
    refused = [r for r in caplog.records if r.getMessage() == "refused"]
    assert len(refused) == 1
    record = vars(refused[0])
    assert record["operation"] == "session.convene" and record["person"] == "officer"
    assert "needs the role secretariat" in record["rule"]
    assert record["refusal"] == "NotPermitted"


def test_a_write_through_the_registry_is_the_operation_and_is_logged(
    stored, caplog: pytest.LogCaptureFixture  # type: ignore[no-untyped-def]
) -> None:
    caplog.set_level(logging.INFO, logger="depositary")
    answer = OPERATIONS["session.convene"].run(stored, Caller("clerk"), {
        "id": "s-test", "body": "council-of-heads-of-state", "date": "2026-01-10",
        "chair": "kaz"})
    assert answer.session == "s-test"
    session = stored.register().councils.sessions["s-test"]
    assert session.day == date(2026, 1, 10)
    head = stored.database.head()
    assert head is not None and head.kind == EntryKind.SESSION and head.author == "clerk"
    assert head.data()["chair"] == "KAZ"  # a participant's code, whatever its case
    written = [vars(r) for r in caplog.records if r.getMessage() == "written"]
    assert [(r["operation"], r["person"]) for r in written] == [("session.convene", "clerk")]


def test_a_bad_input_names_the_field_and_its_rule(stored) -> None:  # type: ignore[no-untyped-def]
    head = stored.database.head()
    with pytest.raises(InvalidInput) as refused:
        OPERATIONS["agenda.add"].run(stored, Caller("clerk"), {"id": "Not An Id"}, "s-1")
    message = str(refused.value)
    assert "id: String should match pattern" in message and "title: Field required" in message
    assert stored.database.head() == head


def test_only_the_database_itself_names_the_first_administrator(
    bundled_url: str, tmp_path: Path
) -> None:
    stored = open_register(Settings(home=tmp_path, database_url=bundled_url))
    stored.append([(EntryKind.PERSON, "a", {"id": "a", "names": {"en": "A"}})], "test")
    grant = OPERATIONS["role.grant"]
    with pytest.raises(NotPermitted):
        grant.run(stored, Caller("a"), {"person": "a", "role": "administrator"})
    grant.run(stored, Caller("a", local=True), {"person": "a", "role": "administrator"})
    assert ("a", "administrator") in {
        (e.data()["person"], e.data()["role"]) for e in stored.database.entries()
        if e.kind == EntryKind.ROLE}


def test_the_log_lines_are_json_with_the_records_fields() -> None:
    record = logging.LogRecord("depositary.operations", logging.WARNING, __file__, 1,
                               "refused", None, None)
    record.operation, record.person, record.rule = "act.return", "officer", "no such act"
    line = json.loads(JsonLines().format(record))
    assert line["event"] == "refused" and line["level"] == "warning"
    assert (line["operation"], line["person"], line["rule"]) == (
        "act.return", "officer", "no such act")
    assert line["time"].endswith("+00:00")


def test_a_position_is_recorded_as_given_so_that_its_signature_holds(stored) -> None:  # type: ignore[no-untyped-def]
    """Text is never trimmed on the way: what a person signed is what is recorded."""
    clerk = Caller("clerk")
    OPERATIONS["session.convene"].run(stored, clerk, {
        "id": "s-test", "body": "council-of-heads-of-state", "date": "2026-01-10"})
    OPERATIONS["agenda.add"].run(stored, clerk, {"id": "d-test", "title": "A draft"}, "s-test")
    OPERATIONS["position.record"].run(stored, clerk, {
        "participant": "rus", "position": "agree-with-reservation",
        "text": " a reservation, as typed "}, "d-test")
    head = stored.database.head()
    assert head.key == "d-test/RUS" and head.data()["text"] == " a reservation, as typed "


def test_an_import_is_refused_before_its_document_is_read(stored) -> None:  # type: ignore[no-untyped-def]
    document = {"organizations": [{"id": "council", "name": "Council",
                                   "classification": "council"}]}
    head = stored.database.head()
    with pytest.raises(InvalidInput, match=r"bodies\.council: Input should be a valid dict"):
        OPERATIONS["councils.import"].run(stored, Caller("ukrainian-delegate"),
                                          {"document": document, "bodies": {"council": 1}})
    with pytest.raises(NotPermitted, match=r"councils\.import needs the role secretariat"):
        OPERATIONS["councils.import"].run(stored, Caller("officer"), {"document": document})
    assert stored.database.head() == head


def test_a_person_manages_their_own_account_and_the_administrator_anyones(
    stored,  # type: ignore[no-untyped-def]
) -> None:
    """`account.password`, `token.issue` and `token.revoke`: a person's own account needs
    their password proved again, someone else's needs the administrator, and at the
    database neither is asked."""
    def proving(person: str) -> Caller:
        return Caller(person, proves=lambda given: given == PASSWORD)

    new = "a new passphrase of some length"
    password, issue, revoke = (OPERATIONS[n] for n in (
        "account.password", "token.issue", "token.revoke"))
    with pytest.raises(NotPermitted, match=r"account\.password: the current password is wrong"):
        password.run(stored, proving("clerk"), {"password": new, "current": "a guess"}, "clerk")
    with pytest.raises(NotPermitted, match=r"account\.password needs the role administrator"):
        password.run(stored, proving("clerk"), {"password": new}, "officer")
    changed = password.run(stored, proving("clerk"), {"password": new, "current": PASSWORD},
                           "clerk")
    assert (changed.person, changed.tokens_revoked) == ("clerk", 1)  # its test token ended
    assert password.run(stored, proving("admin"), {"password": new}, "officer").person == (
        "officer")
    with pytest.raises(InvalidInput, match="password: String should have at least 12"):
        password.run(stored, Caller("x", local=True), {"password": "short"}, "clerk")

    with pytest.raises(NotPermitted, match=r"token\.issue: the current password is wrong"):
        issue.run(stored, proving("officer"), {"person": "officer", "password": "a guess"})
    with pytest.raises(NotPermitted, match=r"token\.issue needs the role administrator"):
        issue.run(stored, proving("officer"), {"person": "clerk", "password": PASSWORD})
    issued = issue.run(stored, Caller("x", local=True), {"person": "clerk", "password": ""})
    token_id = next(t["id"] for t in Accounts(stored).tokens()
                    if t["person"] == "clerk" and not t["revoked_at"])
    with pytest.raises(NotPermitted, match=r"token\.revoke needs the role administrator"):
        revoke.run(stored, proving("officer"), {}, token_id)
    assert revoke.run(stored, proving("clerk"), {}, token_id).person == "clerk"
    assert issued.token and not [t for t in Accounts(stored).tokens()
                                 if t["id"] == token_id and not t["revoked_at"]]
