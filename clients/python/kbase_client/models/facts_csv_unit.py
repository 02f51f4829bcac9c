from enum import StrEnum


class FactsCsvUnit(StrEnum):
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
