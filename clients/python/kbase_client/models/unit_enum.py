from enum import StrEnum


class UnitEnum(StrEnum):
    COMPANIES = "companies"
    COUNT = "count"
    KRW = "krw"
    OTHER = "other"
    PERCENT = "percent"
    PERSONS = "persons"
    RANK = "rank"
    USD = "usd"
    YEARS = "years"

    def __str__(self) -> str:
        return str(self.value)
