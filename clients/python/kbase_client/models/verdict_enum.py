from enum import StrEnum


class VerdictEnum(StrEnum):
    LIKELY_SAME = "likely_same"
    RELATED = "related"

    def __str__(self) -> str:
        return str(self.value)
