from enum import StrEnum


class FactsListSourceLanguage(StrEnum):
    EN = "en"
    KO = "ko"

    def __str__(self) -> str:
        return str(self.value)
