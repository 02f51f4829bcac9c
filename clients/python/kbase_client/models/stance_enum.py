from enum import StrEnum


class StanceEnum(StrEnum):
    CONTEXT = "context"
    CONTRADICTS = "contradicts"
    SUPPORTS = "supports"

    def __str__(self) -> str:
        return str(self.value)
