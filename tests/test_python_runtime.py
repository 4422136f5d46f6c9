"""The runtime shipped in the generated package: (de)serialisation, dispatch, wire formats."""

from __future__ import annotations

import datetime
import decimal
import importlib
import math
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.emit import emit_texts
from generator.model import EnumMember, EnumType, Model, Property, StructuredType, TypeKind, TypeRef
from generator.options import Options

PACKAGE = "rt_models"
G = "microsoft.graph"


def prop(name: str, type_name: str, collection: bool = False) -> Property:
    return Property(name, TypeRef(type_name, collection))


def runtime_model() -> Model:
    types = (
        StructuredType(G, "entity", TypeKind.ENTITY, properties=(prop("id", "Edm.String"),)),
        StructuredType(G, "directoryObject", TypeKind.ENTITY, base=f"{G}.entity",
                       properties=(prop("deletedDateTime", "Edm.DateTimeOffset"),)),
        StructuredType(G, "group", TypeKind.ENTITY, base=f"{G}.directoryObject",
                       properties=(prop("displayName", "Edm.String"),)),
        StructuredType(
            G, "user", TypeKind.ENTITY, base=f"{G}.directoryObject",
            properties=(
                prop("displayName", "Edm.String"),
                prop("accountEnabled", "Edm.Boolean"),
                prop("age", "Edm.Int32"),
                prop("score", "Edm.Double"),
                prop("amount", "Edm.Decimal"),
                prop("birthday", "Edm.Date"),
                prop("wakeUp", "Edm.TimeOfDay"),
                prop("timeout", "Edm.Duration"),
                prop("guid", "Edm.Guid"),
                prop("photo", "Edm.Binary"),
                prop("extra", "Edm.Untyped"),
                prop("tags", "Edm.String", collection=True),
                prop("times", "Edm.DateTimeOffset", collection=True),
                prop("manager", f"{G}.directoryObject"),
                prop("memberOf", f"{G}.directoryObject", collection=True),
                prop("importance", f"{G}.importance"),
                prop("rights", f"{G}.rights"),
                prop("rightsList", f"{G}.rights", collection=True),
                prop("from", "Edm.String"),
            ),
        ),
    )
    enums = (
        EnumType(G, "importance", (EnumMember("low"), EnumMember("high"))),
        EnumType(G, "rights", (EnumMember("none", 0), EnumMember("read", 1),
                               EnumMember("write", 2)), is_flags=True),
    )
    return Model(types=tuple(sorted(types, key=lambda t: t.qualified_name)), enums=enums)


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The generated package, imported under the name ``rt_models``."""
    root = tmp_path_factory.mktemp("runtime")
    options = Options(python_package=PACKAGE)
    for path, text in emit_texts(runtime_model(), options, "python").items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    sys.path.insert(0, str(root / "python"))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(root / "python"))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


@pytest.fixture(scope="module")
def runtime(models: ModuleType) -> ModuleType:
    return importlib.import_module(f"{PACKAGE}._runtime")


def round_trip(models: ModuleType, data: dict[str, Any], cls: str = "Entity") -> dict[str, Any]:
    result: dict[str, Any] = getattr(models, cls).from_dict(data).to_dict()
    return result


# -- import ----------------------------------------------------------------------------------


def test_package_import_is_lazy(models: ModuleType) -> None:
    assert f"{PACKAGE}.user" not in sys.modules
    assert models.User.__name__ == "User"
    assert f"{PACKAGE}.user" in sys.modules
    assert "User" in dir(models)
    with pytest.raises(AttributeError):
        _ = models.NoSuchClass


# -- datetimes, durations and other wire formats ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-06-08T17:48:04.1234567Z",
         datetime.datetime(2021, 6, 8, 17, 48, 4, 123456, tzinfo=datetime.timezone.utc)),
        ("2021-06-08T17:48:04+05:30",
         datetime.datetime(2021, 6, 8, 17, 48, 4,
                           tzinfo=datetime.timezone(datetime.timedelta(hours=5, minutes=30)))),
        ("2021-06-08T17:48:04-08:00",
         datetime.datetime(2021, 6, 8, 17, 48, 4,
                           tzinfo=datetime.timezone(datetime.timedelta(hours=-8)))),
        ("2021-06-08T17:48:04Z",
         datetime.datetime(2021, 6, 8, 17, 48, 4, tzinfo=datetime.timezone.utc)),
        ("2021-06-08T17:48:04.5Z",
         datetime.datetime(2021, 6, 8, 17, 48, 4, 500000, tzinfo=datetime.timezone.utc)),
        ("2021-06-08T17:48:04", datetime.datetime(2021, 6, 8, 17, 48, 4)),
    ],
)  # fmt: skip
def test_datetimes_parse_and_round_trip_exactly(
    models: ModuleType, text: str, expected: datetime.datetime
) -> None:
    user = models.User.from_dict({"deletedDateTime": text})
    assert user.deleted_date_time == expected
    assert user.deleted_date_time.utcoffset() == expected.utcoffset()
    assert user.to_dict() == {"deletedDateTime": text}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PT1H", datetime.timedelta(hours=1)),
        ("PT1H30M", datetime.timedelta(hours=1, minutes=30)),
        ("P1DT2H3M4.5S", datetime.timedelta(days=1, hours=2, minutes=3, seconds=4.5)),
        ("-PT1.5S", -datetime.timedelta(seconds=1.5)),
        ("PT0S", datetime.timedelta(0)),
        ("P2W", datetime.timedelta(weeks=2)),
        ("PT0.0000001S", datetime.timedelta(0)),
        ("PT60M", datetime.timedelta(hours=1)),
    ],
)
def test_durations_parse_and_round_trip_exactly(
    models: ModuleType, text: str, expected: datetime.timedelta
) -> None:
    user = models.User.from_dict({"timeout": text})
    assert user.timeout == expected
    assert user.to_dict() == {"timeout": text}


def test_canonical_formats_for_values_built_in_python(
    models: ModuleType, runtime: ModuleType
) -> None:
    utc = datetime.timezone.utc
    user = models.User(
        deleted_date_time=datetime.datetime(2021, 6, 8, 17, 48, 4, 123456, tzinfo=utc),
        birthday=datetime.date(2000, 2, 29),
        wake_up=datetime.time(7, 30),
        timeout=-datetime.timedelta(days=1, seconds=1.25),
        guid=uuid.UUID("12345678-1234-5678-1234-567812345678"),
        photo=b"hello",
        amount=decimal.Decimal("1.50"),
        score=math.inf,
        tags=["a"],
        importance=models.Importance.HIGH,
        rights=models.Rights.READ | models.Rights.WRITE,
    )
    assert user.to_dict() == {
        "deletedDateTime": "2021-06-08T17:48:04.1234560Z",
        "birthday": "2000-02-29",
        "wakeUp": "07:30:00",
        "timeout": "-P1DT1.25S",
        "guid": "12345678-1234-5678-1234-567812345678",
        "photo": "aGVsbG8=",
        "amount": 1.5,
        "score": "INF",
        "tags": ["a"],
        "importance": "high",
        "rights": "read,write",
    }
    offset = datetime.timezone(datetime.timedelta(hours=-3, minutes=-30))
    assert runtime.format_datetime(datetime.datetime(1, 1, 1, tzinfo=offset)) == (
        "0001-01-01T00:00:00-03:30"
    )
    assert runtime.format_duration(datetime.timedelta(0)) == "PT0S"
    assert runtime.format_flag(models.Rights.NONE) == "none"


def test_values_keep_their_wire_spelling_while_unchanged(models: ModuleType) -> None:
    data = {
        "guid": "ABCDEF00-0000-0000-0000-00000000000A",
        "photo": "aGVsbG8",
        "amount": "12.50",
        "score": "NaN",
        "age": 3,
        "wakeUp": "08:00:00.0000000",
        "birthday": "2020-01-02",
        "times": ["2021-01-01T00:00:00.0000000Z", "2021-01-01T00:00:00Z"],
    }
    user = models.User.from_dict(data)
    assert user.guid == uuid.UUID("ABCDEF00-0000-0000-0000-00000000000A")
    assert user.photo == b"hello"
    assert user.amount == decimal.Decimal("12.50")
    assert math.isnan(user.score)
    assert user.to_dict() == data
    user.guid = uuid.UUID(int=1)
    user.times.append(datetime.datetime(2022, 1, 1, tzinfo=datetime.timezone.utc))
    written = user.to_dict()
    assert written["guid"] == "00000000-0000-0000-0000-000000000001"
    assert written["times"][2] == "2022-01-01T00:00:00Z"


def test_float_fields_keep_integers_and_special_values(models: ModuleType) -> None:
    assert round_trip(models, {"score": 3}, "User") == {"score": 3}
    assert round_trip(models, {"score": "-INF"}, "User") == {"score": "-INF"}
    assert round_trip(models, {"amount": 5}, "User") == {"amount": 5}


# -- dispatch, unknown data, instance annotations --------------------------------------------


def test_dispatch_to_the_most_derived_known_class(models: ModuleType) -> None:
    value = models.Entity.from_dict({"@odata.type": "#microsoft.graph.user", "displayName": "A"})
    assert type(value) is models.User
    assert value.display_name == "A"
    nested = models.User.from_dict(
        {"manager": {"@odata.type": "#microsoft.graph.group", "displayName": "G"},
         "memberOf": [{"@odata.type": "#microsoft.graph.user"}, {"id": "x"}]}
    )  # fmt: skip
    assert type(nested.manager) is models.Group
    assert [type(m) for m in nested.member_of] == [models.User, models.DirectoryObject]


def test_unknown_or_unrelated_odata_type_keeps_the_requested_class(models: ModuleType) -> None:
    unknown = {"@odata.type": "#microsoft.graph.somethingNew", "id": "1", "newProp": [1]}
    value = models.DirectoryObject.from_dict(unknown)
    assert type(value) is models.DirectoryObject
    assert value.odata_type == "#microsoft.graph.somethingNew"
    assert value.to_dict() == unknown
    unrelated = {"@odata.type": "#microsoft.graph.group", "id": "2"}
    assert type(models.User.from_dict(unrelated)) is models.User
    assert round_trip(models, unrelated, "User") == unrelated


def test_unknown_properties_and_instance_annotations_are_written_back(models: ModuleType) -> None:
    data = {
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users/$entity",
        "@odata.type": "#microsoft.graph.user",
        "manager@odata.navigationLink": "users/1/manager",
        "photo@odata.mediaReadLink": "x",
        "brandNew": {"nested": [1, 2]},
        "displayName": "A",
    }
    user = models.Entity.from_dict(data)
    assert user.additional_data["brandNew"] == {"nested": [1, 2]}
    assert user.to_dict() == data


def test_explicit_null_is_written_back_until_the_field_changes(models: ModuleType) -> None:
    user = models.User.from_dict({"displayName": None, "age": 1})
    assert user.display_name is None
    assert user.to_dict() == {"displayName": None, "age": 1}
    user.display_name = "Set"
    assert user.to_dict() == {"displayName": "Set", "age": 1}


def test_unknown_enum_values_survive(models: ModuleType) -> None:
    user = models.User.from_dict({"importance": "urgent"})
    assert user.importance.value == "urgent"
    assert isinstance(user.importance, models.Importance)
    assert user.importance is models.User.from_dict({"importance": "urgent"}).importance
    assert list(models.Importance) == [models.Importance.LOW, models.Importance.HIGH]
    assert user.to_dict() == {"importance": "urgent"}


def test_flags_parse_and_unknown_or_reordered_members_round_trip(models: ModuleType) -> None:
    rights = models.Rights
    assert models.User.from_dict({"rights": "read,write"}).rights == rights.READ | rights.WRITE
    for text in ("write,read", "read, write", "read,delete", "none"):
        assert round_trip(models, {"rights": text}, "User") == {"rights": text}
    listed = {"rightsList": ["read", "write,future"]}
    user = models.User.from_dict(listed)
    assert user.rights_list == [rights.READ, rights.WRITE]
    assert user.to_dict() == listed


def test_null_items_in_collections_are_kept(models: ModuleType) -> None:
    data = {"tags": ["a", None], "memberOf": [None]}
    assert round_trip(models, data, "User") == data


# -- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"displayName": 3}, "user.displayName: expected string, got 3"),
        ({"manager": {"@odata.type": "#microsoft.graph.group", "displayName": True}},
         "user.manager.displayName: expected string, got true"),
        ({"memberOf": [{}, {"deletedDateTime": "yesterday"}]},
         "user.memberOf[1].deletedDateTime: expected date-time string, got 'yesterday'"),
        ({"age": 1.5}, "user.age: expected integer, got 1.5"),
        ({"age": True}, "user.age: expected integer, got true"),
        ({"accountEnabled": "yes"}, "user.accountEnabled: expected boolean, got 'yes'"),
        ({"tags": "a"}, "user.tags: expected array, got 'a'"),
        ({"manager": []}, "user.manager: expected object, got array"),
        ({"importance": 2}, "user.importance: expected string, got 2"),
        ({"timeout": "1 hour"}, "user.timeout: expected duration string, got '1 hour'"),
        ({"guid": "nope"}, "user.guid: expected GUID string, got 'nope'"),
        ({"birthday": "2021-02-30"}, "user.birthday: expected date string, got '2021-02-30'"),
        ({"photo": "***"}, "user.photo: expected base64 string, got '***'"),
        ({"score": "high"}, "user.score: expected number, got 'high'"),
    ],
)  # fmt: skip
def test_wrong_values_raise_one_clear_error_naming_the_path(
    models: ModuleType, runtime: ModuleType, data: dict[str, Any], message: str
) -> None:
    with pytest.raises(runtime.DeserializationError) as raised:
        models.User.from_dict(data)
    assert str(raised.value) == message
    assert isinstance(raised.value, ValueError)


def test_top_level_must_be_an_object(models: ModuleType, runtime: ModuleType) -> None:
    with pytest.raises(runtime.DeserializationError, match=r"^user: expected object, got array"):
        models.User.from_dict([])


def test_keyword_field_uses_its_python_name(models: ModuleType) -> None:
    user = models.User.from_dict({"from": "x"})
    assert user.from_ == "x"
    assert models.User(from_="y").to_dict() == {"from": "y"}


def test_runtime_uses_only_the_standard_library() -> None:
    from generator.templating import builtin_files

    source = builtin_files()["python/_runtime.py"].read_text(encoding="utf-8")
    imported = {
        line.split()[1].split(".")[0]
        for line in source.splitlines()
        if line.startswith(("import ", "from "))
    }
    assert imported <= set(sys.stdlib_module_names) | {"__future__"}, imported


def test_runtime_source_needs_no_reformatting() -> None:
    import black

    from generator.templating import builtin_files

    source = builtin_files()["python/_runtime.py"].read_text(encoding="utf-8")
    assert black.format_str(source, mode=black.Mode()) == source


def test_fields_carry_wire_name_metadata(models: ModuleType) -> None:
    import dataclasses

    meta = {f.name: dict(f.metadata) for f in dataclasses.fields(models.User)}
    assert meta["display_name"] == {"wire": "displayName", "type": "str", "many": False}
    assert meta["member_of"]["type"] == "directory_object:DirectoryObject"
    assert meta["member_of"]["many"] is True
    assert Path(str(models.__file__)).name == "__init__.py"


def test_lenient_mode_keeps_unfit_values_verbatim(models: ModuleType) -> None:
    data = {
        "displayName": 3,
        "deletedDateTime": "datetime-value",
        "manager": {"@odata.type": "#microsoft.graph.group", "displayName": ["x"], "id": "m"},
        "tags": "not-a-list",
        "age": 4,
    }
    user = models.User.from_dict(data, strict=False)
    assert user.display_name is None and user.additional_data["displayName"] == 3
    assert user.manager.id_ == "m" and user.manager.additional_data == {"displayName": ["x"]}
    assert user.age == 4
    assert user.to_dict() == data


def test_derived_objects_in_base_typed_fields_get_their_odata_type(models: ModuleType) -> None:
    user = models.User(
        manager=models.Group(display_name="G"),
        member_of=[models.User(display_name="U"), models.DirectoryObject(id_="d")],
    )
    assert user.to_dict() == {
        "manager": {"@odata.type": "#microsoft.graph.group", "displayName": "G"},
        "memberOf": [
            {"@odata.type": "#microsoft.graph.user", "displayName": "U"},
            {"id": "d"},
        ],
    }
    read_back = models.User.from_dict(user.to_dict())
    assert type(read_back.manager) is models.Group


def test_additional_data_values_are_serialised(models: ModuleType) -> None:
    moment = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)
    user = models.User(additional_data={"seen": moment, "raw": {"a": [1]}})
    assert user.to_dict() == {"seen": "2020-01-01T00:00:00Z", "raw": {"a": [1]}}


def test_dispatch_tolerates_a_missing_hash_and_other_case(models: ModuleType) -> None:
    for spelling in ("microsoft.graph.user", "#Microsoft.Graph.User"):
        data = {"@odata.type": spelling, "displayName": "A"}
        value = models.Entity.from_dict(data)
        assert type(value) is models.User
        assert value.to_dict() == data


def test_unknown_enum_values_do_not_grow_the_enum_without_bound(models: ModuleType) -> None:
    importance = models.Importance
    for i in range(1000):
        value = models.User.from_dict({"importance": f"new{i}"}).importance
        assert value.value == f"new{i}"
    assert len(importance._value2member_map_) <= len(importance.__members__) + 64
    assert list(importance) == [importance.LOW, importance.HIGH]
