from enum import StrEnum


class SourcesListKindItem(StrEnum):
    ARTICLE = "article"
    BROADCAST_TRANSCRIPT = "broadcast_transcript"
    DATASET = "dataset"
    EDITORIAL = "editorial"
    REPORT = "report"
    STATEMENT = "statement"

    def __str__(self) -> str:
        return str(self.value)
