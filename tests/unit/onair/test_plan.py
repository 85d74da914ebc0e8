"""The media plan reader and its rules (on-air.md): CSV in its spreadsheet dialects, .xlsx with Excel's own
cell types, every bad row named, and hostile files refused with a reason, never a hang."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
import zoneinfo
from pathlib import Path

import pytest
from openpyxl import Workbook

from moderator_app.onair.plan import PlanRefused, PlanSlot, parse_plan
from moderator_app.onair.planfile import MAX_BYTES, MAX_ROWS
from moderator_app.onair.zones import COUNTRIES, is_zone

HEADER = "slot_id;country;channel;programme;air_date;air_time;timezone;length_s"
GOOD = [
    "TF1-0410-1255;FR;TF1;Le 13H;2020-04-10;12:55;Europe/Paris;30",
    "2M-0411-2040;MA;2M;avant le journal;2020-04-11;20:40;Africa/Casablanca;30",
]


def write(tmp_path: Path, text: str, name: str = "plan.csv", *, bom: bool = False, crlf: bool = False) -> Path:
    path = tmp_path / name
    data = text.replace("\n", "\r\n") if crlf else text
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data.encode("utf-8"))
    return path


def utc(day: str, clock: str, zone: str) -> str:
    """The instant computed here, independently of the code under test (fold=0: the first of two)."""
    wall = dt.datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=zoneinfo.ZoneInfo(zone))
    return wall.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def refusal(path: Path) -> PlanRefused:
    with pytest.raises(PlanRefused) as info:
        parse_plan(path)
    return info.value


def test_semicolons_with_a_bom_crlf_and_a_trailing_empty_line(tmp_path: Path) -> None:
    slots = parse_plan(write(tmp_path, "\n".join([HEADER, *GOOD]) + "\n\n", bom=True, crlf=True))
    assert [s.slot_id for s in slots] == ["TF1-0410-1255", "2M-0411-2040"]
    first = slots[0]
    assert first == PlanSlot("TF1-0410-1255", "FR", "TF1", "Le 13H", "2020-04-10", "12:55:00", "Europe/Paris",
                             utc("2020-04-10", "12:55", "Europe/Paris"), 30)
    assert first.air_at == "2020-04-10T10:55:00Z"


def test_commas_free_column_order_unknown_columns_and_quoting(tmp_path: Path) -> None:
    text = ("Length_S,TimeZone,budget_eur,air_time,air_date,Channel,country,slot_id,notes\n"
            '20,Europe/Luxembourg,"1,200",07:05:30,2020-04-12,RTL Télé Lëtzebuerg,lu,RTL-1,"said ""hi"""\n')
    [slot] = parse_plan(write(tmp_path, text))
    assert (slot.slot_id, slot.country, slot.channel, slot.programme, slot.air_time, slot.length_s) == (
        "RTL-1", "LU", "RTL Télé Lëtzebuerg", None, "07:05:30", 20)
    assert slot.air_at == utc("2020-04-12", "07:05:30", "Europe/Luxembourg")


def test_an_xlsx_with_excel_dates_times_and_numbers(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["air_date", "air_time", "slot_id", "country", "channel", "programme", "timezone", "length_s", "x"])
    sheet.append([dt.date(2020, 4, 10), dt.time(12, 55), "TF1-1", "FR", "TF1", "Le 13H", "Europe/Paris", 30, 1])
    sheet.append([dt.datetime(2020, 4, 11), dt.time(20, 40, 15), 12345, "MA", "2M", None, "Africa/Casablanca",
                  15.0, "=1+1"])
    sheet.append(["2020-04-12", "21:00", "F-3", "TN", "=HYPERLINK(\"x\")", "", "Africa/Tunis", "45", None])
    sheet.append([None] * 9)  # an empty row at the end, as spreadsheets leave
    path = tmp_path / "plan.xlsx"
    book.save(path)
    slots = parse_plan(path)
    assert [(s.slot_id, s.air_date, s.air_time, s.length_s) for s in slots] == [
        ("TF1-1", "2020-04-10", "12:55:00", 30), ("12345", "2020-04-11", "20:40:15", 15),
        ("F-3", "2020-04-12", "21:00:00", 45)]
    assert slots[2].channel == '=HYPERLINK("x")', "a formula is text to us, never evaluated"
    assert slots[1].air_at == utc("2020-04-11", "20:40:15", "Africa/Casablanca")


def test_a_bad_plan_names_every_bad_row_by_its_spreadsheet_line(tmp_path: Path) -> None:
    rows = [
        GOOD[0],
        "bad id!;FR;TF1;;2020-04-10;12:55;Europe/Paris;30",  # line 3
        "A2;XX;TF1;;2020-04-10;12:55;Europe/Paris;30",  # 4: not a country
        "A3;FR;;;2020-04-10;12:55;Europe/Paris;30",  # 5: no channel
        "A4;FR;TF1;;2020-02-30;12:55;Europe/Paris;30",  # 6: no such day
        "A5;FR;TF1;;2020-04-10;24:00;Europe/Paris;30",  # 7
        "A6;FR;TF1;;2020-04-10;12:55;Local;30",  # 8
        "A7;FR;TF1;;2020-04-10;12:55;../../etc/passwd;30",  # 9
        "A8;FR;TF1;;2020-04-10;12:55;Europe/Paris;25",  # 10
        "TF1-0410-1255;FR;TF1;;2020-04-11;12:55;Europe/Paris;30",  # 11: duplicate of line 2
        "A9;FR;" + "x" * 81 + ";;2020-04-10;12:55;Europe/Paris;30",  # 12
        "A10;FR;TF1;" + "p" * 121 + ";2020-04-10;12:55;Europe/Paris;30",  # 13
        "A11;FR;TF1\u202e;;2020-04-10;12:55;Europe/Paris;30",  # 14: a bidi override
        "A12;FR;TF1;;10/04/2020;12:55;Europe/Paris;30",  # 15
        "",  # 16: an empty line in the middle is skipped, but still counted
        "A13;FR;TF1;;2020-04-10;12h55;Europe/Paris;30",  # 17
    ]
    refused = refusal(write(tmp_path, "\n".join([HEADER, *rows]) + "\n"))
    lines = {r.line: r.reason for r in refused.rows}
    assert sorted(lines) == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17]
    assert "slot_id" in lines[3] and "'XX'" in lines[4] and "channel is empty" in lines[5]
    assert "not a real date" in lines[6] and "not a time of day" in lines[7]
    assert "IANA" in lines[8] and "IANA" in lines[9] and "25" in lines[10]
    assert "already on line 2" in lines[11] and "81 characters" in lines[12] and "121" in lines[13]
    assert "direction" in lines[14] and "YYYY-MM-DD" in lines[15] and "HH:MM" in lines[17]
    assert "line 3:" in str(refused) and "line 17:" in str(refused) and "14 bad rows" in str(refused)


def test_the_spring_forward_gap_is_refused_and_the_autumn_overlap_takes_the_first(tmp_path: Path) -> None:
    text = f"{HEADER}\nP1;FR;TF1;;2020-03-29;02:30;Europe/Paris;30"
    [bad] = refusal(write(tmp_path, text)).rows
    assert bad.line == 2 and "does not exist in Europe/Paris" in bad.reason and "1 h" in bad.reason
    text = f"{HEADER}\nP2;FR;TF1;;2020-03-29;03:30;Europe/Paris;30\nP3;FR;TF1;;2020-10-25;02:30;Europe/Paris;30"
    spring, autumn = parse_plan(write(tmp_path, text))
    assert spring.air_at == "2020-03-29T01:30:00Z"
    assert autumn.air_at == "2020-10-25T00:30:00Z", "02:30 CEST, the first of the two"


@pytest.mark.parametrize("day", ["2020-04-11", "2020-05-10", "2020-06-01"])
def test_casablanca_follows_the_zone_database_through_ramadan(tmp_path: Path, day: str) -> None:
    [slot] = parse_plan(write(tmp_path, "\n".join([HEADER, f"2M;MA;2M;;{day};20:40;Africa/Casablanca;30"])))
    offset = dt.datetime.fromisoformat(f"{day}T20:40").replace(
        tzinfo=zoneinfo.ZoneInfo("Africa/Casablanca")).utcoffset()
    assert offset is not None
    expected = (dt.datetime.fromisoformat(f"{day}T20:40") - offset).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert slot.air_at == expected
    if day == "2020-05-10":  # Ramadan 2020 (24 April - 24 May): Morocco suspends its UTC+1
        assert offset == dt.timedelta(0)


@pytest.mark.parametrize(("content", "why"), [
    (b"%PDF-1.7\n\x00\x01binary", "binary"),
    (b"\xff\xfe" + "slot_id".encode("utf-16-le"), "UTF-8"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
    (b"PK\x03\x04garbage", "damaged"),
    (b"hello,world\n1,2\n", "missing columns"),
    (HEADER.encode() + b"\n", "no slot"),
    (b"   \n", "empty"),
    (b"slot_id,slot_id,country\n", "twice"),
])
def test_files_that_are_not_a_plan_are_refused_with_a_reason(tmp_path: Path, content: bytes, why: str) -> None:
    path = tmp_path / "plan.csv"
    path.write_bytes(content)
    assert why in str(refusal(path))


def test_a_zip_that_is_not_a_workbook_and_a_zip_bomb_are_refused_quickly(tmp_path: Path) -> None:
    other = tmp_path / "other.xlsx"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("hello.txt", "hi")
    assert "not an .xlsx" in str(refusal(other))
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\x00" * (300 << 20))  # 300 MB of zeros, ~300 KB zipped
    assert bomb.stat().st_size < 2 << 20
    assert "unzips to" in str(refusal(bomb))


def test_an_xlsx_declaring_a_dtd_is_refused(tmp_path: Path) -> None:
    book = Workbook()
    path = tmp_path / "plan.xlsx"
    book.save(path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buffer, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
                data = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + body
            dst.writestr(item, data)
    path.write_bytes(buffer.getvalue())
    assert "DTD" in str(refusal(path))


def test_size_and_row_caps(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    with big.open("wb") as f:
        f.write(HEADER.encode() + b"\n")
        f.truncate(MAX_BYTES + 10)
    assert "MB" in str(refusal(big))
    many = "\n".join([HEADER, *(f"S{i};FR;TF1;;2020-04-10;12:55;Europe/Paris;30" for i in range(MAX_ROWS + 1))])
    assert f"more than {MAX_ROWS:,}" in str(refusal(write(tmp_path, many)))


def test_links_and_missing_files(tmp_path: Path) -> None:
    target = write(tmp_path, "\n".join([HEADER, *GOOD]))
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    assert "a link" in str(refusal(link))
    with pytest.raises(FileNotFoundError):
        parse_plan(tmp_path / "nope.csv")


def test_country_and_zone_lists() -> None:
    assert len(COUNTRIES) == 249 and {"FR", "MA", "TN", "LU", "DZ", "QA"} <= COUNTRIES
    assert not {"EU", "UN", "XK", "ZZ", "UK"} & COUNTRIES
    assert is_zone("Europe/Paris") and is_zone("UTC") and is_zone("Africa/Casablanca")
    for bad in ("Local", "localtime", "/etc/localtime", "../Europe/Paris", "posixrules", "Europe/Nowhere",
                "posix/Europe/Paris", "Europe//Paris", ""):
        assert not is_zone(bad), bad


def test_a_sheet_declaring_a_huge_range_is_read_by_its_header_only(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER.split(";"))
    for i in range(2, 2002):
        sheet.append([f"S{i}", "FR", "TF1", "", "2020-04-10", "12:55", "Europe/Paris", 30])
        sheet.cell(row=i, column=16_384, value="far away")  # the last column Excel has
    path = tmp_path / "wide.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as z:
        assert b"XFD" in z.read("xl/worksheets/sheet1.xml")
    slots = parse_plan(path)
    assert len(slots) == 2000 and slots[-1].slot_id == "S2001"


def test_a_sheet_with_empty_rows_and_columns_before_the_header_keeps_the_sheets_line_numbers(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for column, name in enumerate(HEADER.split(";"), start=2):
        sheet.cell(row=3, column=column, value=name)
    for column, value in enumerate(["S1", "FR", "TF1", "", "2020-04-10", "12:55", "Europe/Paris", 30], start=2):
        sheet.cell(row=4, column=column, value=value)
    for column, value in enumerate(["S2", "FR", "TF1", "", "2020-04-10", "25:00", "Europe/Paris", 30], start=2):
        sheet.cell(row=6, column=column, value=value)
    path = tmp_path / "offset.xlsx"
    book.save(path)
    [bad] = refusal(path).rows
    assert bad.line == 6 and "not a time of day" in bad.reason


def test_tab_separated_text(tmp_path: Path) -> None:
    text = HEADER.replace(";", "\t") + "\n" + GOOD[0].replace(";", "\t") + "\n"
    [slot] = parse_plan(write(tmp_path, text))
    assert slot.slot_id == "TF1-0410-1255" and slot.programme == "Le 13H"
