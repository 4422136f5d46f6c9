"""Serialisation runtime of the generated models (standard library only).

``GraphObject.from_dict`` reads a JSON object (wire names, ``@odata.type`` dispatch through the
package's registry) and ``to_dict`` writes it back. Values whose wire text the canonical
formatting would not reproduce (seven fractional digits, upper-case GUIDs, ``PT60M``, flags in
another order, explicit ``null``) keep their original text while the field is unchanged, so
``to_dict(from_dict(x)) == x``. Unknown properties and instance annotations are kept in
``additional_data``; unknown enum values become pseudo-members; a value of the wrong JSON type
raises one ``DeserializationError`` naming the field path (or, with ``strict=False``, is kept
verbatim in ``additional_data``).
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime
import decimal
import enum
import functools
import importlib
import math
import re
import typing
import uuid
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, TypeVar

_PACKAGE = __name__.rpartition(".")[0]

_T = TypeVar("_T", bound="GraphObject")


class DeserializationError(ValueError):
    """A value that does not fit its field: ``user.manager.displayName: expected string, got 3``."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def prop(wire: str, kind: str, many: bool = False) -> Any:
    """A dataclass field defaulting to None that remembers its wire name and wire type.

    ``kind`` is a primitive (``str``, ``bool``, ``int``, ``float``, ``decimal``, ``datetime``,
    ``date``, ``time``, ``duration``, ``uuid``, ``bytes``, ``any``) or ``module.path:ClassName``
    relative to the package; ``many`` marks a collection.
    """
    return dataclasses.field(
        default=None, metadata={"wire": wire, "type": kind, "many": many}
    )


_MAX_REMEMBERED_UNKNOWN = 64


class GraphEnum(enum.Enum):
    """Base of the generated enums: members' values are their wire strings.

    An unknown wire string becomes a pseudo-member (not listed when iterating the enum) whose
    name and value are that string, so new service values never break deserialisation. The
    first few are remembered (equal values, one member); past that, hostile input cannot grow
    the class without bound.
    """

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, str):
            return None
        member = object.__new__(cls)
        member._name_ = value
        member._value_ = value
        remembered = len(cls._value2member_map_) - len(cls.__members__)
        if remembered >= _MAX_REMEMBERED_UNKNOWN:
            return member
        return cls._value2member_map_.setdefault(value, member)


class GraphFlag(enum.Flag):
    """Base of the generated flags enums; the wire form is comma-separated member wire names."""

    __wire_names__: ClassVar[dict[str, str]] = {}  # member name → wire name


@dataclasses.dataclass(kw_only=True)
class GraphObject:
    """Base of every generated class: ``@odata.type``, unknown properties, (de)serialisation."""

    ODATA_TYPE: ClassVar[str] = ""

    odata_type: str | None = prop("@odata.type", "str")
    """The ``@odata.type`` instance annotation, as received or to be sent."""

    additional_data: dict[str, Any] = dataclasses.field(default_factory=dict)
    """Properties and instance annotations this class does not declare, kept verbatim."""

    _original: dict[str, tuple[Any, Any]] = dataclasses.field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @classmethod
    def from_dict(cls: type[_T], data: Mapping[str, Any], *, strict: bool = True) -> _T:
        """Read a JSON object; dispatches to the most derived known class by ``@odata.type``.

        A value that does not fit its field raises ``DeserializationError``; with
        ``strict=False`` it is kept verbatim in ``additional_data`` instead (and written back).
        """
        return typing.cast(_T, _read_object(cls, data, _type_label(cls), strict))

    def to_dict(self) -> dict[str, Any]:
        """The JSON object, with wire names; unchanged values keep their original wire text."""
        return _write_object(self)


# ------------------------------------------------------------------------------------------
# Reading
# ------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Slot:
    name: str
    wire: str
    kind: str
    many: bool


_PLANS: dict[type, dict[str, _Slot]] = {}
_REFERENCES: dict[str, Any] = {}


def _plan(cls: type[GraphObject]) -> dict[str, _Slot]:
    plan = _PLANS.get(cls)
    if plan is None:
        plan = {}
        for item in dataclasses.fields(cls):
            if "wire" in item.metadata:
                meta = item.metadata
                plan[meta["wire"]] = _Slot(
                    item.name, meta["wire"], meta["type"], meta["many"]
                )
        _PLANS[cls] = plan
    return plan


def _type_label(cls: type[GraphObject]) -> str:
    return cls.ODATA_TYPE.rpartition(".")[2] or cls.__name__


def _read_object(
    cls: type[GraphObject], data: object, path: str, strict: bool
) -> GraphObject:
    if not isinstance(data, Mapping):
        raise DeserializationError(path, f"expected object, got {_describe(data)}")
    target = _dispatch(cls, data.get("@odata.type"))
    plan = _plan(target)
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    original: dict[str, tuple[Any, Any]] = {}
    for key, raw in data.items():
        slot = plan.get(key) if isinstance(key, str) else None
        if slot is None:
            extra[key] = raw
        elif raw is None:
            original[key] = (None, None)
        else:
            try:
                value = _read_slot(slot, raw, f"{path}.{key}", strict)
            except DeserializationError:
                if strict:
                    raise
                extra[key] = raw
                continue
            values[slot.name] = value
            if _keeps_text(slot.kind) and not _same_json(_write_value(value), raw):
                original[key] = (_snapshot(value), raw)
    instance = target(**values)
    instance.additional_data = extra
    instance._original = original
    return instance


def _read_slot(slot: _Slot, raw: object, path: str, strict: bool) -> Any:
    if not slot.many:
        return _read_value(slot.kind, raw, path, strict)
    if not isinstance(raw, list):
        raise DeserializationError(path, f"expected array, got {_describe(raw)}")
    return [
        (
            None
            if item is None
            else _read_value(slot.kind, item, f"{path}[{index}]", strict)
        )
        for index, item in enumerate(raw)
    ]


def _read_value(kind: str, raw: object, path: str, strict: bool) -> Any:
    reader = _PRIMITIVE_READERS.get(kind)
    if reader is not None:
        return reader(raw, path)
    target = _reference(kind)
    if isinstance(target, type) and issubclass(target, GraphObject):
        return _read_object(target, raw, path, strict)
    if isinstance(target, type) and issubclass(target, GraphFlag):
        return _read_flag(target, _expect_str(raw, path, "string"), path)
    if isinstance(target, type) and issubclass(target, enum.Enum):
        return target(_expect_str(raw, path, "string"))
    return raw  # an unknown kind: keep the JSON value as it is


def _reference(kind: str) -> Any:
    """``module.path:ClassName`` (relative to the package) → the class, imported on first use."""
    found = _REFERENCES.get(kind)
    if found is None:
        module_name, _, class_name = kind.partition(":")
        module = importlib.import_module(f"{_PACKAGE}.{module_name}")
        found = _REFERENCES[kind] = getattr(module, class_name)
    return found


def _dispatch(cls: type[GraphObject], odata_type: object) -> type[GraphObject]:
    """The class ``@odata.type`` names when it is ``cls`` or derives from it; else ``cls``."""
    if not isinstance(odata_type, str):
        return cls
    found = _class_for_odata_type(odata_type)
    return found if found is not None and issubclass(found, cls) else cls


def _class_for_odata_type(odata_type: str) -> type[GraphObject] | None:
    exact, folded = _registry()
    name = odata_type.removeprefix("#")
    kind = exact.get(name) or folded.get(name.casefold())
    found = _reference(kind) if kind is not None else None
    return found if isinstance(found, type) and issubclass(found, GraphObject) else None


@functools.cache
def _registry() -> tuple[dict[str, str], dict[str, str]]:
    """The package's ``@odata.type`` registry, as written and case-folded (loaded on first use)."""
    exact: dict[str, str] = importlib.import_module(f"{_PACKAGE}._registry").TYPES
    return exact, {name.casefold(): kind for name, kind in exact.items()}


def _describe(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, list):
        return "array"
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:57]}..."


def _expect_str(raw: object, path: str, expected: str) -> str:
    if not isinstance(raw, str):
        raise DeserializationError(path, f"expected {expected}, got {_describe(raw)}")
    return raw


def _read_str(raw: object, path: str) -> str:
    return _expect_str(raw, path, "string")


def _read_bool(raw: object, path: str) -> bool:
    if not isinstance(raw, bool):
        raise DeserializationError(path, f"expected boolean, got {_describe(raw)}")
    return raw


def _read_int(raw: object, path: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise DeserializationError(path, f"expected integer, got {_describe(raw)}")
    return raw


_SPECIAL_FLOATS = {"INF": math.inf, "-INF": -math.inf, "NaN": math.nan}


def _read_float(raw: object, path: str) -> float:
    if isinstance(raw, str) and raw in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[raw]
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        raise DeserializationError(path, f"expected number, got {_describe(raw)}")
    return raw  # an int stays an int (it is a valid float value and keeps its JSON spelling)


def _read_decimal(raw: object, path: str) -> decimal.Decimal:
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise DeserializationError(path, f"expected number, got {_describe(raw)}")
    try:
        value = decimal.Decimal(str(raw) if isinstance(raw, float) else raw)
    except decimal.InvalidOperation:
        raise DeserializationError(
            path, f"expected number, got {_describe(raw)}"
        ) from None
    return value


def _parse_error(path: str, expected: str, raw: str) -> DeserializationError:
    return DeserializationError(path, f"expected {expected}, got {_describe(raw)}")


_DATETIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?"
    r"(Z|z|[+-]\d{2}(?::?\d{2})?)?"
)
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_TIME = re.compile(r"(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?")
_NUMBER = r"(\d+(?:[.,]\d+)?)"
_DURATION = re.compile(
    rf"([-+])?P(?:{_NUMBER}Y)?(?:{_NUMBER}M)?(?:{_NUMBER}W)?(?:{_NUMBER}D)?"
    rf"(?:T(?:{_NUMBER}H)?(?:{_NUMBER}M)?(?:{_NUMBER}S)?)?"
)
_DURATION_UNIT_SECONDS = (365 * 86400, 30 * 86400, 7 * 86400, 86400, 3600, 60, 1)


def _microseconds(fraction: str | None) -> int:
    return int((fraction or "")[:6].ljust(6, "0"))


def _offset(text: str | None) -> datetime.tzinfo | None:
    if text is None:
        return None
    if text in ("Z", "z"):
        return datetime.timezone.utc
    digits = text[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:4] or "0")
    sign = -1 if text[0] == "-" else 1
    return datetime.timezone(datetime.timedelta(minutes=sign * minutes))


def _read_datetime(raw: object, path: str) -> datetime.datetime:
    text = _expect_str(raw, path, "date-time string")
    match = _DATETIME.fullmatch(text)
    if match is None:
        raise _parse_error(path, "date-time string", text)
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    try:
        return datetime.datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            int(second or "0"),
            _microseconds(fraction),
            tzinfo=_offset(offset),
        )
    except ValueError:
        raise _parse_error(path, "date-time string", text) from None


def _read_date(raw: object, path: str) -> datetime.date:
    text = _expect_str(raw, path, "date string")
    match = _DATE.fullmatch(text)
    if match is None:
        raise _parse_error(path, "date string", text)
    try:
        return datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise _parse_error(path, "date string", text) from None


def _read_time(raw: object, path: str) -> datetime.time:
    text = _expect_str(raw, path, "time string")
    match = _TIME.fullmatch(text)
    if match is None:
        raise _parse_error(path, "time string", text)
    hour, minute, second, fraction = match.groups()
    try:
        return datetime.time(
            int(hour), int(minute), int(second or "0"), _microseconds(fraction)
        )
    except ValueError:
        raise _parse_error(path, "time string", text) from None


def _read_duration(raw: object, path: str) -> datetime.timedelta:
    """ISO 8601 ``[-]PnYnMnWnDTnHnMnS``; a year counts 365 days and a month 30."""
    text = _expect_str(raw, path, "duration string")
    match = _DURATION.fullmatch(text)
    if match is None or text.endswith(("P", "T")):
        raise _parse_error(path, "duration string", text)
    sign, *amounts = match.groups()
    total = decimal.Decimal(0)
    for amount, unit_seconds in zip(amounts, _DURATION_UNIT_SECONDS):
        if amount is not None:
            total += decimal.Decimal(amount.replace(",", ".")) * unit_seconds
    microseconds = int((total * 1_000_000).to_integral_value(decimal.ROUND_HALF_EVEN))
    try:
        value = datetime.timedelta(microseconds=microseconds)
    except OverflowError:
        raise _parse_error(path, "duration string", text) from None
    return -value if sign == "-" else value


def _read_uuid(raw: object, path: str) -> uuid.UUID:
    text = _expect_str(raw, path, "GUID string")
    try:
        return uuid.UUID(text)
    except ValueError:
        raise _parse_error(path, "GUID string", text) from None


def _read_bytes(raw: object, path: str) -> bytes:
    text = _expect_str(raw, path, "base64 string")
    alphabet = b"-_" if ("-" in text or "_" in text) else None
    try:
        return base64.b64decode(
            text + "=" * (-len(text) % 4), altchars=alphabet, validate=True
        )
    except (binascii.Error, ValueError):
        raise _parse_error(path, "base64 string", text) from None


def _read_any(raw: object, path: str) -> Any:
    return raw


def _read_flag(cls: type[GraphFlag], text: str, path: str) -> GraphFlag:
    """Known members of a comma-separated list; unknown ones survive only in the wire text."""
    by_wire = {wire: cls[member] for member, wire in cls.__wire_names__.items()}
    result = cls(0)
    for token in text.split(","):
        member = by_wire.get(token.strip())
        if member is not None:
            result |= member
    return result


_PRIMITIVE_READERS: dict[str, Callable[[object, str], Any]] = {
    "str": _read_str,
    "bool": _read_bool,
    "int": _read_int,
    "float": _read_float,
    "decimal": _read_decimal,
    "datetime": _read_datetime,
    "date": _read_date,
    "time": _read_time,
    "duration": _read_duration,
    "uuid": _read_uuid,
    "bytes": _read_bytes,
    "any": _read_any,
}
_TEXT_KINDS = frozenset(
    {"float", "decimal", "datetime", "date", "time", "duration", "uuid", "bytes"}
)


def _keeps_text(kind: str) -> bool:
    """Kinds whose canonical wire form may differ from the text received (and flags)."""
    return kind in _TEXT_KINDS or (kind not in _PRIMITIVE_READERS and _is_flag(kind))


def _is_flag(kind: str) -> bool:
    target = _reference(kind)
    return isinstance(target, type) and issubclass(target, GraphFlag)


def _snapshot(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value


def _same_json(left: object, right: object) -> bool:
    """Equal as JSON text would be: same types (1 is not 1.0) and values, recursively."""
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(map(_same_json, left, right))
    if type(left) is not type(right):
        return False
    if isinstance(left, float) and math.isnan(left):
        return isinstance(right, float) and math.isnan(right)
    return left == right


# ------------------------------------------------------------------------------------------
# Writing
# ------------------------------------------------------------------------------------------


def _write_object(instance: GraphObject) -> dict[str, Any]:
    result: dict[str, Any] = {}
    original = instance._original
    for wire, slot in _plan(type(instance)).items():
        value = getattr(instance, slot.name)
        kept = original.get(wire)
        if kept is not None and _same_value(kept[0], value):
            result[wire] = kept[1]
        elif value is not None:
            result[wire] = _write_value(value)
            if slot.kind not in _PRIMITIVE_READERS:
                _mark_derived(slot.kind, value, result[wire])
    for key, value in instance.additional_data.items():
        if key not in result:
            result[key] = _write_value(value)
    return result


def _mark_derived(kind: str, value: object, written: Any) -> None:
    """Give an object of a class derived from the field's class its ``@odata.type``.

    The service needs it to tell the derived type apart; values read from JSON already carry
    whatever the payload said, so round trips are unaffected.
    """
    declared = _reference(kind)
    pairs = zip(value, written) if isinstance(value, list) else [(value, written)]
    for item, item_written in pairs:
        if (
            isinstance(item, GraphObject)
            and type(item) is not declared
            and isinstance(item_written, dict)
            and "@odata.type" not in item_written
            and type(item).ODATA_TYPE
        ):
            item_written["@odata.type"] = type(item).ODATA_TYPE


def _same_value(recorded: object, current: object) -> bool:
    if recorded is None or current is None:
        return recorded is current
    return type(recorded) is type(current) and recorded == current


def _write_value(value: object) -> Any:
    if isinstance(value, GraphObject):
        return value.to_dict()
    if isinstance(value, list):
        return [_write_value(item) for item in value]
    if isinstance(value, GraphFlag):
        return format_flag(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.datetime):
        return format_datetime(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return format_time(value)
    if isinstance(value, datetime.timedelta):
        return format_duration(value)
    if isinstance(value, decimal.Decimal):
        return _decimal_number(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("INF" if value > 0 else "-INF")
    return value


def _fraction(microsecond: int) -> str:
    return f".{microsecond:06d}0" if microsecond else ""


def format_datetime(value: datetime.datetime) -> str:
    """``2021-06-08T17:48:04.1234560Z``: seven fractional digits when there is a fraction."""
    text = (
        f"{value.year:04d}-{value.month:02d}-{value.day:02d}T{value.hour:02d}:{value.minute:02d}"
        f":{value.second:02d}{_fraction(value.microsecond)}"
    )
    offset = value.utcoffset()
    if offset is None:
        return text
    if not offset:
        return f"{text}Z"
    minutes = int(abs(offset).total_seconds()) // 60
    sign = "-" if offset < datetime.timedelta(0) else "+"
    return f"{text}{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def format_time(value: datetime.time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}{_fraction(value.microsecond)}"


def format_duration(value: datetime.timedelta) -> str:
    """``P1DT2H3M4.5S``, ``-PT30M``, ``PT0S``."""
    sign = "-" if value < datetime.timedelta(0) else ""
    value = abs(value)
    hours, rest = divmod(value.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    date_part = f"{value.days}D" if value.days else ""
    second_text = (
        f"{seconds}.{value.microseconds:06d}".rstrip("0") if value.microseconds else ""
    )
    time_part = "".join(
        f"{amount}{unit}" for amount, unit in ((hours, "H"), (minutes, "M")) if amount
    ) + (f"{second_text or seconds}S" if seconds or value.microseconds else "")
    if not date_part and not time_part:
        return "PT0S"
    return f"{sign}P{date_part}{'T' + time_part if time_part else ''}"


def format_flag(value: GraphFlag) -> str:
    """Wire names of the members ``value`` holds, comma-separated, in definition order."""
    names = type(value).__wire_names__
    held = typing.cast(int, value.value)
    chosen: list[str] = []
    seen: set[int] = set()
    for name, member in type(value).__members__.items():
        bits = typing.cast(int, member.value)
        if bits and bits & (bits - 1) == 0 and held & bits and bits not in seen:
            seen.add(bits)
            chosen.append(names.get(name, name))
    if chosen:
        return ",".join(chosen)
    members = type(value).__members__.items()
    zero = [name for name, member in members if typing.cast(int, member.value) == 0]
    return names.get(zero[0], zero[0]) if zero else ""


def _decimal_number(value: decimal.Decimal) -> int | float:
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= 0:
        return int(value)
    return float(value)
