from enum import StrEnum


class MatchedLanguageEnum(StrEnum):
    EN = "en"
    KO = "ko"

    def __str__(self) -> str:
        return str(self.value)
