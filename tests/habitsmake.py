#!/usr/bin/python3
"""habitsmake.py: a helper of the tests: workbooks as facilitators bring
them, written with openpyxl:

    habitsmake.py KIND OUT.xlsx

KIND is one of:
  checkboxes  a Google Sheets register downloaded as .xlsx: a date cell a
              session, a checkbox (TRUE or FALSE) a person a session, a
              Total column and a Total row of plain numbers (Google writes
              each formula's value);
  merged      an Excel register with its title in cells A1:D1 merged, a
              blank row, then the header, dates formatted dd/mm/yyyy;
  month       an Excel register whose header is the day of the month
              alone (5, 12, 19), "November 2026" merged over them above;
  serial1900  a sign-in sheet whose Date column is Text holding Excel
              serial numbers, in the 1900 date system;
  serial1904  the same in a workbook in the 1904 date system (Excel for
              Mac's old default): 2026-11-05 is 44869, not 46331.
"""
import datetime
import sys

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

THU = [datetime.datetime(2026, 11, d) for d in (5, 12, 19)]


def checkboxes(wb):
    ws = wb.active
    ws.title = "Attendance"
    ws.append(["Name"] + THU + ["Total"])
    for c in ws[1][1:4]:
        c.number_format = "m/d/yyyy"
    ws.append(["Ann Lee", True, False, True, 2])
    ws.append(["Bo Park", True, True, False, 2])
    ws.append(["Cy Diaz", False, False, False, 0])
    ws.append(["Total", 2, 1, 1, 4])


def merged(wb):
    ws = wb.active
    ws["A1"] = "Thursday Circle attendance, autumn 2026"
    ws.merge_cells("A1:D1")
    ws.append([])
    ws.append(["Name"] + THU)
    for c in ws[3][1:4]:
        c.number_format = "dd/mm/yyyy"
    ws.append(["Ann Lee", "P", "A", "P"])
    ws.append(["Bo Park", "P", "L", ""])


def month(wb):
    ws = wb.active
    ws["A1"] = "Thursday Circle register"
    ws.merge_cells("A1:D1")
    ws["B2"] = "November 2026"
    ws.merge_cells("B2:D2")
    ws.append(["Name", 5, 12, 19])
    ws.append(["Ann Lee", "P", "A", "P"])


def serial(wb, epoch):
    ws = wb.active
    days = (datetime.date(2026, 11, 5) - epoch).days
    ws.append(["Date", "Name", "Status"])
    for name, status in (("Ann Lee", "present"), ("Bo Park", "late")):
        ws.append([str(days), name, status])
    for row in ws.iter_rows(min_row=2, max_col=1):
        row[0].number_format = "@"


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: habitsmake.py KIND OUT.xlsx")
    kind, out = sys.argv[1], sys.argv[2]
    wb = openpyxl.Workbook()
    if kind == "checkboxes":
        checkboxes(wb)
    elif kind == "merged":
        merged(wb)
    elif kind == "month":
        month(wb)
    elif kind == "serial1900":
        serial(wb, datetime.date(1899, 12, 30))
    elif kind == "serial1904":
        wb.epoch = CALENDAR_MAC_1904
        serial(wb, datetime.date(1904, 1, 1))
    else:
        sys.exit("habitsmake.py: no kind " + kind)
    wb.save(out)


main()
