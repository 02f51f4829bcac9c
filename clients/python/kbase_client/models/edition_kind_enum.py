from enum import StrEnum


class EditionKindEnum(StrEnum):
    ORIGINAL = "original"
    TRANSLATION = "translation"

    def __str__(self) -> str:
        return str(self.value)
