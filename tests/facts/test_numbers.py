"""Numbers as Korean and English readers read them, and the consistency check."""

from decimal import Decimal

import pytest
from django.utils import translation

from kbase.facts.numbers import check_numbers, english_numbers, korean_numbers


def d(*values) -> list[Decimal]:
    return [Decimal(str(value)) for value in values]


KOREAN = [
    ("전문가가 38명뿐이다", [38]),
    ("4700개 이상인 중국 AI 기업", [4700]),
    ("4,700개 이상", [4700]),
    ("매년 공학 엔지니어 150만 명이 배출된다", [1_500_000]),
    ("1억 달러의 성과급", [100_000_000]),
    ("성과급 1억달러", [100_000_000]),
    ("연구자의 47%가 중국 출신", [47]),
    ("2위 미국(18%)과 격차가 크다", [2, 18]),
    ("중국(28%)이 미국(42%) 못지않다", [28, 42]),
    ("출신이나 활동지 기준 모두 2% 이하다", [2]),
    ("10년 전인 2014년", [10, 2014]),
    ("2022년 상위 20%인 최고 수준", [2022, 20]),
    ("법무부가 2023년 도입한 비자", [2023]),
    ("예산 3조 5천억 원", [3_500_000_000_000]),
    ("5천억 원을 투입", [500_000_000_000]),
    ("1만 2천 명", [12_000]),
    ("2천 명이 줄었다", [2000]),
    ("4천 명 늘었다", [4000]),
    ("1.5배 늘었다", [1.5]),
    ("0.5%포인트 올랐다", [0.5]),
    ("세 번째로 높다", [3]),
    ("두 명의 연구자", [2]),
    ("AI 3대 강국", [3]),
    ("3위를 기록했다", [3]),
    ("7년 전 설립된 벤처", [7]),
    ("40%가 해외로 떠난다", [40]),
    ("E-7-S 비자로 체류 중인 전문가 38명", [38]),
    ("COVID-19 이후 2년", [2]),
    ("12만 3456명", [123_456]),
    ("숫자가 없는 문장", []),
    ("100억 원과 20억 원", [10_000_000_000, 2_000_000_000]),
    ("1조 원 규모", [1_000_000_000_000]),
]

ENGLISH = [
    ("only 38 experts are currently residing in Korea", [38]),
    ("more than 4,700 AI companies in China", [4700]),
    ("1.5 million engineering graduates annually", [1_500_000]),
    ("performance bonuses of $100 million per person", [100_000_000]),
    ("47 percent of the world's top 20 percent AI researchers", [47, 20]),
    ("ranks second at just 18 percent", [18, 2]),
    ("47% of researchers", [47]),
    ("back to 2014, when the government launched", [2014]),
    ("has decreased by 2,000", [2000]),
    ("increased by 4,000", [4000]),
    ("the third highest in the world", [3]),
    ("one of the top three AI powerhouses", [3]),
    ("founded seven years ago", [7]),
    ("40% of AI talents", [40]),
    ("the E-7-S Advanced Talent Visa", []),
    ("COVID-19 changed everything in 2020", [2020]),
    ("a $2.5 billion fund", [2_500_000_000]),
    ("3 trillion won", [3_000_000_000_000]),
    ("12 thousand people", [12_000]),
    ("accounted for 70 percent of applications", [70]),
    ("over the past decade", []),
    ("two researchers", [2]),
    ("ten companies", [10]),
    ("the fifth attempt", [5]),
    ("a 0.5 percentage point rise", [0.5]),
    ("1,234,567 visitors", [1_234_567]),
    ("in 2022 and 2023", [2022, 2023]),
    ("only 2 percent or less", [2]),
    ("no numbers here", []),
    ("twenty startups", [20]),
    ("100 million dollars", [100_000_000]),
    ("Million-dollar question", []),
]


@pytest.mark.parametrize(("text", "expected"), KOREAN)
def test_korean_numbers(text, expected):
    assert sorted(korean_numbers(text)) == sorted(d(*expected))


@pytest.mark.parametrize(("text", "expected"), ENGLISH)
def test_english_numbers(text, expected):
    assert sorted(english_numbers(text)) == sorted(d(*expected))


def test_the_same_amount_in_both_languages_is_consistent():
    check = check_numbers(text_ko="매년 공학 엔지니어 150만 명이 배출된다",
                          text_en="1.5 million engineering graduates annually",
                          quantity=Decimal("1500000.0000"))
    assert check.consistent
    assert check.warnings() == []


def test_a_number_only_one_language_has_is_a_warning():
    check = check_numbers(text_ko="법무부가 2023년 도입한 비자", text_en="introduced last year")
    assert not check.consistent
    assert check.only_in_korean == (Decimal(2023),)
    with translation.override("en"):
        assert check.warnings() == ["Only the Korean text has 2023"]


def test_the_warnings_speak_the_readers_language_and_the_api_data_stays_english():
    check = check_numbers(text_ko="법무부가 2023년 도입한 비자", text_en="introduced last year",
                          quantity=Decimal(39))
    with translation.override("ko"):
        assert check.warnings() == ["한국어 본문에만 있는 숫자: 2023",
                                    "두 본문 모두 수량을 밝히지 않음"]
        assert check.as_dict()["warnings"] == ["Only the Korean text has 2023",
                                               "Neither text states the quantity"]


def test_a_quantity_neither_text_states_is_a_warning():
    check = check_numbers(text_ko="전문가는 38명", text_en="38 experts", quantity=Decimal(39))
    assert check.quantity_in_text is False
    with translation.override("en"):
        assert "Neither text states the quantity" in check.warnings()


def test_one_language_alone_is_not_a_mismatch():
    check = check_numbers(text_ko="", text_en="38 experts", quantity=Decimal(38))
    assert check.consistent
