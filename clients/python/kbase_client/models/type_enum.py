from enum import StrEnum


class TypeEnum(StrEnum):
    CITATION = "citation"
    DISCREPANCY = "discrepancy"
    FACT = "fact"
    SOURCE = "source"

    def __str__(self) -> str:
        return str(self.value)
