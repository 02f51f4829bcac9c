from enum import StrEnum


class EntityKindEnum(StrEnum):
    COUNTRY = "country"
    ORGANISATION = "organisation"
    OTHER = "other"
    PERSON = "person"
    PLACE = "place"
    PROGRAMME = "programme"

    def __str__(self) -> str:
        return str(self.value)
