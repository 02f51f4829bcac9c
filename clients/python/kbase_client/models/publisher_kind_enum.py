from enum import StrEnum


class PublisherKindEnum(StrEnum):
    BROADCASTER = "broadcaster"
    COMPANY = "company"
    GOVERNMENT = "government"
    NEWSPAPER = "newspaper"
    OTHER = "other"
    RESEARCH_INSTITUTE = "research_institute"
    UNIVERSITY = "university"

    def __str__(self) -> str:
        return str(self.value)
