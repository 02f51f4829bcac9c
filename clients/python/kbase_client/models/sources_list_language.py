from enum import StrEnum


class SourcesListLanguage(StrEnum):
    EN = "en"
    KO = "ko"

    def __str__(self) -> str:
        return str(self.value)
