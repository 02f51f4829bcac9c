from enum import StrEnum


class QualifierEnum(StrEnum):
    APPROXIMATELY = "approximately"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    EXACT = "exact"
    LESS_THAN = "less_than"
    MORE_THAN = "more_than"

    def __str__(self) -> str:
        return str(self.value)
