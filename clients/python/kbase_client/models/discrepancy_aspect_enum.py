from enum import StrEnum


class DiscrepancyAspectEnum(StrEnum):
    DATE = "date"
    NUMBER = "number"
    OMISSION = "omission"
    PLACE = "place"
    WORDING = "wording"

    def __str__(self) -> str:
        return str(self.value)
