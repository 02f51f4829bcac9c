from enum import StrEnum


class TextOriginEnum(StrEnum):
    SOURCE = "source"
    TRANSLATION = "translation"

    def __str__(self) -> str:
        return str(self.value)
