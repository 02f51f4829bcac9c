from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.problem_code_enum import ProblemCodeEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.problem_codes import ProblemCodes
    from ..models.problem_errors import ProblemErrors


T = TypeVar("T", bound="Problem")


@_attrs_define
class Problem:
    """
    Attributes:
        type_ (str):
        title (str):
        status (int):
        detail (str):
        code (ProblemCodeEnum): * `invalid` - INVALID
            * `parse_error` - PARSE_ERROR
            * `bad_request` - BAD_REQUEST
            * `not_authenticated` - NOT_AUTHENTICATED
            * `authentication_failed` - AUTHENTICATION_FAILED
            * `permission_denied` - PERMISSION_DENIED
            * `not_found` - NOT_FOUND
            * `method_not_allowed` - METHOD_NOT_ALLOWED
            * `not_acceptable` - NOT_ACCEPTABLE
            * `conflict` - CONFLICT
            * `invalid_transition` - INVALID_TRANSITION
            * `stale_version` - STALE_VERSION
            * `precondition_failed` - PRECONDITION_FAILED
            * `precondition_required` - PRECONDITION_REQUIRED
            * `payload_too_large` - PAYLOAD_TOO_LARGE
            * `unsupported_media_type` - UNSUPPORTED_MEDIA_TYPE
            * `throttled` - THROTTLED
            * `server_error` - SERVER_ERROR
            * `database_unavailable` - DATABASE_UNAVAILABLE
        errors (ProblemErrors | Unset): Per field (or query parameter), the messages saying what is wrong.
        codes (ProblemCodes | Unset): Per field, the code of each message in `errors`, in the same order: `required`,
            `invalid`, `null`, `blank`, `max_length`, `invalid_choice`, ... (DRF's and Django's validator codes).
    """

    type_: str
    title: str
    status: int
    detail: str
    code: ProblemCodeEnum
    errors: ProblemErrors | Unset = UNSET
    codes: ProblemCodes | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        title = self.title

        status = self.status

        detail = self.detail

        code = self.code.value

        errors: dict[str, Any] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = self.errors.to_dict()

        codes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.codes, Unset):
            codes = self.codes.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "title": title,
                "status": status,
                "detail": detail,
                "code": code,
            }
        )
        if errors is not UNSET:
            field_dict["errors"] = errors
        if codes is not UNSET:
            field_dict["codes"] = codes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.problem_codes import ProblemCodes  # noqa: PLC0415
        from ..models.problem_errors import ProblemErrors  # noqa: PLC0415

        d = dict(src_dict)
        type_ = d.pop("type")

        title = d.pop("title")

        status = d.pop("status")

        detail = d.pop("detail")

        code = ProblemCodeEnum(d.pop("code"))

        _errors = d.pop("errors", UNSET)
        errors: ProblemErrors | Unset
        if isinstance(_errors, Unset):
            errors = UNSET
        else:
            errors = ProblemErrors.from_dict(_errors)

        _codes = d.pop("codes", UNSET)
        codes: ProblemCodes | Unset
        if isinstance(_codes, Unset):
            codes = UNSET
        else:
            codes = ProblemCodes.from_dict(_codes)

        problem = cls(
            type_=type_,
            title=title,
            status=status,
            detail=detail,
            code=code,
            errors=errors,
            codes=codes,
        )

        problem.additional_properties = d
        return problem

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
