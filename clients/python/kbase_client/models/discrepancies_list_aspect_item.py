from enum import StrEnum


class DiscrepanciesListAspectItem(StrEnum):
    DATE = "date"
    NUMBER = "number"
    OMISSION = "omission"
    PLACE = "place"
    WORDING = "wording"

    def __str__(self) -> str:
        return str(self.value)
