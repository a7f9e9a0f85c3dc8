#!/usr/bin/python3
"""msformsmake.py: a helper of the tests: a workbook shaped as Microsoft
Forms' "Open results in Excel" (or "Download a copy") writes a form's
responses, from tab-separated lines on standard input:

    msformsmake.py OUT.xlsx <TSV

The first line is the header: "ID", "Start time", "Completion time",
"Email", "Name", in newer exports "Last modified time", then one column
a question.  In the lines after it a cell of the form YYYY-MM-DD
HH:MM:SS is a date-time, written as Forms writes one: an Excel serial
date with the number format m/d/yy h:mm:ss; a cell of digits alone is a
number (the ID, an answer on a scale); an empty cell is left out, as an
anonymous form's Name is.  The one sheet is "Sheet1".
"""
import datetime
import re
import sys

import openpyxl

STAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")


def cell(ws, row, col, text):
    if text == "":
        return
    c = ws.cell(row=row, column=col)
    if row > 1 and STAMP.match(text):
        c.value = datetime.datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
        c.number_format = "m/d/yy h:mm:ss"
    elif row > 1 and text.isdigit():
        c.value = int(text)
    else:
        c.value = text


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: msformsmake.py OUT.xlsx <TSV")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for r, line in enumerate(sys.stdin.read().splitlines(), start=1):
        for c, text in enumerate(line.split("\t"), start=1):
            cell(ws, r, c, text)
    wb.save(sys.argv[1])


main()
