"""Contains all the data models used in inputs/outputs"""

from .action_enum import ActionEnum
from .author import Author
from .author_request import AuthorRequest
from .blank_enum import BlankEnum
from .change import Change
from .change_fields import ChangeFields
from .change_object import ChangeObject
from .change_page import ChangePage
from .citation import Citation
from .citation_write_request import CitationWriteRequest
from .date_precision_enum import DatePrecisionEnum
from .discrepancies_list_aspect_item import DiscrepanciesListAspectItem
from .discrepancy import Discrepancy
from .discrepancy_aspect_enum import DiscrepancyAspectEnum
from .edition_kind_enum import EditionKindEnum
from .entity import Entity
from .entity_brief import EntityBrief
from .entity_kind_enum import EntityKindEnum
from .fact import Fact
from .fact_brief import FactBrief
from .fact_discrepancy import FactDiscrepancy
from .fact_page import FactPage
from .fact_status_enum import FactStatusEnum
from .fact_write_request import FactWriteRequest
from .facts_csv_ordering import FactsCsvOrdering
from .facts_csv_source_language import FactsCsvSourceLanguage
from .facts_csv_status_item import FactsCsvStatusItem
from .facts_csv_unit import FactsCsvUnit
from .facts_jsonld_response_200 import FactsJsonldResponse200
from .facts_list_ordering import FactsListOrdering
from .facts_list_source_language import FactsListSourceLanguage
from .facts_list_status_item import FactsListStatusItem
from .facts_list_unit import FactsListUnit
from .field_change import FieldChange
from .language_enum import LanguageEnum
from .match import Match
from .match_page import MatchPage
from .match_text_request import MatchTextRequest
from .matched_language_enum import MatchedLanguageEnum
from .named_brief import NamedBrief
from .number_check import NumberCheck
from .optional_reason_request import OptionalReasonRequest
from .paginated_discrepancy_list import PaginatedDiscrepancyList
from .paginated_entity_list import PaginatedEntityList
from .paginated_fact_list import PaginatedFactList
from .paginated_publisher_list import PaginatedPublisherList
from .paginated_search_result_list import PaginatedSearchResultList
from .paginated_source_list import PaginatedSourceList
from .paginated_topic_list import PaginatedTopicList
from .patched_citation_write_request import PatchedCitationWriteRequest
from .patched_fact_write_request import PatchedFactWriteRequest
from .patched_source_write_request import PatchedSourceWriteRequest
from .period import Period
from .period_request import PeriodRequest
from .problem import Problem
from .problem_code_enum import ProblemCodeEnum
from .problem_codes import ProblemCodes
from .problem_errors import ProblemErrors
from .publisher import Publisher
from .publisher_brief import PublisherBrief
from .publisher_kind_enum import PublisherKindEnum
from .qualifier_enum import QualifierEnum
from .quantity import Quantity
from .quantity_request import QuantityRequest
from .reason_request import ReasonRequest
from .search_result import SearchResult
from .source import Source
from .source_brief import SourceBrief
from .source_kind_enum import SourceKindEnum
from .source_lookup import SourceLookup
from .source_write_request import SourceWriteRequest
from .sources_list_kind_item import SourcesListKindItem
from .sources_list_language import SourcesListLanguage
from .stance_enum import StanceEnum
from .statement import Statement
from .supersede_request import SupersedeRequest
from .supersession import Supersession
from .text_origin_enum import TextOriginEnum
from .topic import Topic
from .type_enum import TypeEnum
from .unit_enum import UnitEnum
from .verdict_enum import VerdictEnum

__all__ = (
    "ActionEnum",
    "Author",
    "AuthorRequest",
    "BlankEnum",
    "Change",
    "ChangeFields",
    "ChangeObject",
    "ChangePage",
    "Citation",
    "CitationWriteRequest",
    "DatePrecisionEnum",
    "DiscrepanciesListAspectItem",
    "Discrepancy",
    "DiscrepancyAspectEnum",
    "EditionKindEnum",
    "Entity",
    "EntityBrief",
    "EntityKindEnum",
    "Fact",
    "FactBrief",
    "FactDiscrepancy",
    "FactPage",
    "FactsCsvOrdering",
    "FactsCsvSourceLanguage",
    "FactsCsvStatusItem",
    "FactsCsvUnit",
    "FactsJsonldResponse200",
    "FactsListOrdering",
    "FactsListSourceLanguage",
    "FactsListStatusItem",
    "FactsListUnit",
    "FactStatusEnum",
    "FactWriteRequest",
    "FieldChange",
    "LanguageEnum",
    "Match",
    "MatchedLanguageEnum",
    "MatchPage",
    "MatchTextRequest",
    "NamedBrief",
    "NumberCheck",
    "OptionalReasonRequest",
    "PaginatedDiscrepancyList",
    "PaginatedEntityList",
    "PaginatedFactList",
    "PaginatedPublisherList",
    "PaginatedSearchResultList",
    "PaginatedSourceList",
    "PaginatedTopicList",
    "PatchedCitationWriteRequest",
    "PatchedFactWriteRequest",
    "PatchedSourceWriteRequest",
    "Period",
    "PeriodRequest",
    "Problem",
    "ProblemCodeEnum",
    "ProblemCodes",
    "ProblemErrors",
    "Publisher",
    "PublisherBrief",
    "PublisherKindEnum",
    "QualifierEnum",
    "Quantity",
    "QuantityRequest",
    "ReasonRequest",
    "SearchResult",
    "Source",
    "SourceBrief",
    "SourceKindEnum",
    "SourceLookup",
    "SourcesListKindItem",
    "SourcesListLanguage",
    "SourceWriteRequest",
    "StanceEnum",
    "Statement",
    "SupersedeRequest",
    "Supersession",
    "TextOriginEnum",
    "Topic",
    "TypeEnum",
    "UnitEnum",
    "VerdictEnum",
)
