from enum import StrEnum


class FactsListStatusItem(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    RETRACTED = "retracted"
    REVIEW = "review"
    SUPERSEDED = "superseded"

    def __str__(self) -> str:
        return str(self.value)
