"""Spreadsheet import and export of facts in the admin."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from kbase.facts.models import Fact
from tests.factories import FactFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db

IMPORT = "/admin/facts/fact/import/"
PROCESS = "/admin/facts/fact/process_import/"
HEADER = "id,text_ko,text_en,text_ko_origin,text_en_origin,quantity_value,quantity_unit," \
         "quantity_qualifier,as_of,as_of_precision,topics\n"


def csv_file(*rows: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("facts.csv", (HEADER + "\n".join(rows) + "\n").encode(),
                             content_type="text/csv")


def preview(admin_client, upload, format_index="0"):
    return admin_client.post(IMPORT, {"import_file": upload, "format": format_index,
                                      "resource": "0"})


def confirm(admin_client, page):
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"',
                             page.content.decode()))
    hidden.pop("csrfmiddlewaretoken", None)
    return admin_client.post(PROCESS, hidden)


def test_an_import_is_previewed_then_written_through_the_services(admin_client):
    TopicFactory(slug="ai-talent")
    upload = csv_file(
        ",전문가는 38명뿐이다,Only 38 experts,source,translation,38,persons,exact,,unknown,"
        "ai-talent",
        ",중국 AI 기업은 4700개 이상,China has 4700+ AI firms,source,translation,,,,,unknown,")
    page = preview(admin_client, upload)
    assert page.status_code == 200
    assert "Only 38 experts" in page.content.decode()
    assert not Fact.objects.exists()  # the preview writes nothing

    confirm(admin_client, page)
    facts = Fact.objects.order_by("id")
    assert [fact.text_en for fact in facts] == ["Only 38 experts", "China has 4700+ AI firms"]
    assert list(facts[0].topics.values_list("slug", flat=True)) == ["ai-talent"]
    assert facts[0].events.last().pgh_context.metadata["reason"] == "imported from a spreadsheet"
    assert facts[0].status == Fact.Status.DRAFT


def test_a_bad_row_is_reported_and_nothing_is_written(admin_client):
    upload = csv_file(
        ",좋은 행,A good row,source,translation,,,,,unknown,",
        ",벨\x07소리,bell,source,translation,,,,,unknown,",
        ",단위 없는 수량,Quantity without unit,source,translation,38,,,,unknown,",
        ",없는 주제,Unknown topic,source,translation,,,,,unknown,no-such-topic")
    response = preview(admin_client, upload)
    page = response.content.decode()
    assert "no-such-topic" in page  # the unknown topic, named in its row's error
    assert "U+0007" in page  # a control character, refused
    assert "A quantity needs a value, a unit and a qualifier together." in page
    assert 'name="import_file_name"' not in page  # no way to confirm a failing import
    confirm(admin_client, response)  # and forcing it writes nothing either
    assert not Fact.objects.exists()


def test_xlsx_imports_too(admin_client):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(["", "엑셀에서 온 사실", "A fact from Excel", "source", "translation", "",
                  "", "", "", "unknown", ""])
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("facts.xlsx", buffer.getvalue())
    page = preview(admin_client, upload, format_index="1")
    confirm(admin_client, page)
    assert Fact.objects.get().text_ko == "엑셀에서 온 사실"


def test_facts_export_with_korean_text(admin_client):
    FactFactory(text_ko="한국어 문장", text_en="An English sentence")
    response = admin_client.post("/admin/facts/fact/export/", {
        "format": "0", "resource": "0", "export_items": [],
        **{f"factresource_{name}": "on" for name in ("id", "text_ko", "text_en", "status")}})
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert "한국어 문장" in body.decode("utf-8-sig")


# Who may import and export: import writes facts (add and change), export reads
# every fact, drafts included (view).
EXPORT = "/admin/facts/fact/export/"
EXPORT_ALL = {"format": "0", "resource": "0", "export_items": [],
              **{f"factresource_{name}": "on" for name in ("id", "text_en", "status")}}


def logged_in(client, user):
    user.is_staff = True
    user.save()
    client.force_login(user)
    return client


def import_upload():
    return csv_file(",몰래 들여온 사실,A smuggled fact,source,translation,,,,,unknown,")


def test_staff_without_permissions_can_neither_import_nor_export(client,
                                                                 staff_without_permissions):
    FactFactory(text_en="a secret draft", status=Fact.Status.DRAFT)
    logged_in(client, staff_without_permissions.user)
    assert client.get(IMPORT).status_code == 403
    assert client.post(IMPORT, {"import_file": import_upload(), "format": "0",
                                "resource": "0"}).status_code == 403
    assert client.post(PROCESS, {"import_file_name": "x", "original_file_name": "x.csv",
                                 "format": "0", "resource": "0"}).status_code == 403
    assert client.get(EXPORT).status_code == 403
    response = client.post(EXPORT, EXPORT_ALL)
    assert response.status_code == 403
    assert b"a secret draft" not in response.content
    assert Fact.objects.count() == 1


def test_staff_without_permissions_see_no_facts_in_the_admin(client,
                                                             staff_without_permissions):
    logged_in(client, staff_without_permissions.user)
    assert client.get("/admin/facts/fact/").status_code == 403
    index = client.get("/admin/").content.decode()
    assert "/admin/facts/fact/" not in index


def test_a_reader_may_export_drafts_but_not_import(client, reader):
    FactFactory(text_en="a draft the newsroom reads", status=Fact.Status.DRAFT)
    logged_in(client, reader.user)
    page = client.get("/admin/facts/fact/").content.decode()
    assert 'class="export_link"' in page and 'class="import_link"' not in page
    assert client.get(IMPORT).status_code == 403
    assert client.post(IMPORT, {"import_file": import_upload(), "format": "0",
                                "resource": "0"}).status_code == 403
    response = client.post(EXPORT, EXPORT_ALL)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert "a draft the newsroom reads" in body.decode("utf-8-sig")
    assert Fact.objects.count() == 1


def test_importing_needs_both_adding_and_changing_facts(client):
    user = UserFactory(username="adds-only", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(
        content_type__app_label="facts", codename__in=["view_fact", "add_fact"]))
    logged_in(client, user)
    page = client.get("/admin/facts/fact/").content.decode()
    assert 'class="import_link"' not in page
    assert client.get(IMPORT).status_code == 403


def test_an_editor_without_publish_rights_imports(client, editor_without_publish):
    logged_in(client, editor_without_publish.user)
    page = client.get("/admin/facts/fact/").content.decode()
    assert 'class="import_link"' in page and 'class="export_link"' in page
    confirm(client, preview(client, import_upload()))
    fact = Fact.objects.get()
    assert fact.text_en == "A smuggled fact" and fact.status == Fact.Status.DRAFT


FORMULAS = ['=HYPERLINK("http://evil.example","click")', "+1+1", "-2+3", "@SUM(A1)",
            "\t=1+1", "\r=1+1"]


def exported_rows(admin_client, format_index: str) -> list[dict]:
    response = admin_client.post(EXPORT, {**EXPORT_ALL, "format": format_index,
                                          "factresource_quantity_value": "on"})
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if format_index == "0":
        return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(body)).active
    cells = [[cell for cell in row] for row in sheet.iter_rows()]
    header = [cell.value for cell in cells[0]]
    assert all(cell.data_type != "f" for row in cells for cell in row)  # no formula cell
    return [dict(zip(header, [cell.value for cell in row], strict=True))
            for row in cells[1:]]


@pytest.mark.parametrize("format_index", ["0", "1"], ids=["csv", "xlsx"])
def test_exported_cells_that_would_run_as_formulas_are_neutralised(admin_client,
                                                                   format_index):
    for text in FORMULAS:
        FactFactory(text_en=text)
    texts = {row["text_en"] for row in exported_rows(admin_client, format_index)}
    if format_index == "1":  # XML keeps no carriage return: it reads back as a line feed
        texts = {text.replace("\n", "\r") for text in texts}
    assert texts == {"'" + text for text in FORMULAS}


@pytest.mark.parametrize("format_index", ["0", "1"], ids=["csv", "xlsx"])
def test_an_exported_negative_quantity_stays_a_number(admin_client, format_index):
    FactFactory(text_en="fell by 2.5 points", quantity_value=-2.5, quantity_unit="percent",
                quantity_qualifier="exact")
    (row,) = exported_rows(admin_client, format_index)
    assert Decimal(str(row["quantity_value"])) == Decimal("-2.5")


def test_a_neutralised_cell_imports_as_it_was_written(admin_client):
    fact = FactFactory(text_en="-3% on the year", status=Fact.Status.DRAFT)
    (row,) = exported_rows(admin_client, "0")
    assert row["text_en"] == "'-3% on the year"
    upload = csv_file(f"{fact.public_id},{fact.text_ko},\"'-3% on the year, edited\",source,"
                      "translation,,,,,unknown,")
    confirm(admin_client, preview(admin_client, upload))
    fact.refresh_from_db()
    assert fact.text_en == "-3% on the year, edited"
