from enum import StrEnum


class DatePrecisionEnum(StrEnum):
    DAY = "day"
    MONTH = "month"
    UNKNOWN = "unknown"
    YEAR = "year"

    def __str__(self) -> str:
        return str(self.value)
