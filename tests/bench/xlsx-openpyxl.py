#!/usr/bin/python3
# xlsx-openpyxl.py: the reference for the xlsx benchmark: the sheets of
# "circle export xlsx --all" written with Python's openpyxl (its fastest
# mode, write_only, with the same styles, dates, frozen panes, filters and
# chart), from the same database through the expected view.
#
# Usage: xlsx-openpyxl.py DB OUT.xlsx
#
# Prints "total SECONDS sql SECONDS": all of it, and the part spent waiting
# for SQLite (the rest is Python and openpyxl).  Figures follow circle
# report's definitions.
import datetime
import sqlite3
import sys
import time

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

ATTENDED = ("present", "late", "left_early")
LETTER = {"present": "P", "late": "L", "left_early": "LE", "excused": "E",
          "absent": "A"}
COLOURS = {"P": ("C6EFCE", "006100"), "L": ("FFEB9C", "7F6000"),
           "LE": ("FCE4D6", "833C0B"), "E": ("DDEBF7", "1F4E78"),
           "A": ("FFC7CE", "9C0006")}

MARKS_SQL = """
SELECT x.member_id, x.session_id, x.day, x.mark, x.exp FROM (
  SELECT e.member_id AS member_id, e.session_id AS session_id, e.day AS day,
    e.starts_at AS starts_at, coalesce(e.mark, 'absent') AS mark, 1 AS exp
  FROM expected e WHERE e.grp_id = ?1
  UNION ALL
  SELECT a.member_id, s.id, substr(s.local_start, 1, 10), s.starts_at,
    a.status, 0 FROM session s JOIN attendance a ON a.session_id = s.id
  WHERE s.grp_id = ?1 AND s.status = 'held'
    AND a.status IN ('present', 'late', 'left_early')
) x JOIN member m ON m.id = x.member_id
ORDER BY m.display_name COLLATE NOCASE, m.handle, x.member_id, x.starts_at,
  x.exp DESC
"""


class Clock:
    """Time spent waiting for SQLite, and rows written to each sheet."""

    def __init__(self, con):
        self.con = con
        self.sql = 0.0
        self.rows = {}

    def execute(self, sql, args=()):
        t = time.perf_counter()
        cur = self.con.execute(sql, args)
        self.sql += time.perf_counter() - t
        while True:
            t = time.perf_counter()
            r = cur.fetchone()
            self.sql += time.perf_counter() - t
            if r is None:
                return
            yield r

    def append(self, ws, row):
        ws.append(row)
        self.rows[ws.title] = self.rows.get(ws.title, 0) + 1


def day(s):
    return datetime.datetime.strptime(s[:10], "%Y-%m-%d")


def main():
    dbpath, out = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    con = sqlite3.connect(dbpath)
    clock = Clock(con)
    wb = Workbook(write_only=True)
    head_font = Font(bold=True)
    fills = {k: (PatternFill("solid", fgColor=v[0]), Font(color=v[1]))
             for k, v in COLOURS.items()}
    centre = Alignment(horizontal="center")

    def cell(ws, value, fmt=None, style=None):
        c = WriteOnlyCell(ws, value=value)
        if fmt:
            c.number_format = fmt
        if style:
            c.fill, c.font = style
            c.alignment = centre
        return c

    summary = wb.create_sheet("Summary")
    att = wb.create_sheet("Attendance")
    ses = wb.create_sheet("Sessions")
    ros = wb.create_sheet("Roster")
    chk = wb.create_sheet("Check-ins")
    fol = wb.create_sheet("Follow-ups")

    # Attendance: a column for each day with a held session naming people.
    days = list(clock.execute("""
        SELECT day, max(n) FROM (SELECT substr(s.local_start, 1, 10) AS day,
          count(*) AS n FROM session s WHERE s.status = 'held' AND
          (s.headcount IS NULL OR EXISTS (SELECT 1 FROM attendance a
          WHERE a.session_id = s.id)) GROUP BY s.grp_id, day)
        GROUP BY day ORDER BY day"""))
    col, first = {}, 10
    for d, n in days:
        col[d] = first
        first += n
    ncols = first
    att.freeze_panes = "B2"
    att.column_dimensions["A"].width = 24
    for c in range(10, ncols):
        att.column_dimensions[get_column_letter(c + 1)].width = 3.6
    head = ["Name", "Group", "Rate", "Attended", "Expected", "Excused",
            "Absent", "Last seen", "Missed in a row"]
    row = [cell(att, h) for h in head] + [None] * (ncols - 9)
    for d, n in days:
        for k in range(n):
            row[col[d] + k - 1] = cell(att, day(d), "yyyy-mm-dd")
    clock.append(att, row)

    groups = list(clock.execute("SELECT id, handle FROM grp ORDER BY handle"))
    names = dict(clock.execute("SELECT id, display_name FROM member"))
    ses.freeze_panes = "C2"
    clock.append(ses, ["Session", "Date", "Start", "Group", "Status", "Topic",
                       "Hours", "Expected", "Present", "Late", "Left early",
                       "Excused", "Absent", "Headcount", "Attendance",
                       "Unrecorded"])
    months = {}
    nrows = 1
    for gid, handle in groups:
        # The column of each named session: its day's, and the next ones
        # for a second that day.
        scol, prev, k = {}, None, 0
        for sid, d in clock.execute("""
            SELECT s.id, substr(s.local_start, 1, 10) FROM session s
            WHERE s.grp_id = ? AND s.status = 'held' AND (s.headcount IS NULL
              OR EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id))
            ORDER BY s.starts_at, s.id""", (gid,)):
            k = k + 1 if d == prev else 0
            prev = d
            scol[sid] = col[d] + k
        counts = {}
        person, cells = None, {}

        def flush():
            if person is None:
                return
            exp = came = attended = excused = absent = since = 0
            last = None
            row = [None] * ncols
            for sid, (d, mark, e) in cells.items():
                if mark in ATTENDED:
                    attended += 1
                    last, since = d, 0
                if e:
                    exp += 1
                    if mark == "excused":
                        excused += 1
                    elif mark == "absent":
                        absent += 1
                        since += 1
                    else:
                        came += 1
                letter = LETTER[mark]
                row[scol[sid] - 1] = cell(att, letter, style=fills[letter])
            rate = (round(came / (exp - excused) + 1e-12, 2)
                    if exp > excused else None)
            row[0:9] = [names[person], handle, cell(att, rate, "0%"),
                        attended, exp, excused, absent,
                        cell(att, day(last), "yyyy-mm-dd") if last else None,
                        since]
            clock.append(att, row)

        for mid, sid, d, mark, e in clock.execute(MARKS_SQL, (gid,)):
            if mid != person:
                flush()
                person, cells = mid, {}
            if sid in cells:
                continue
            cells[sid] = (d, mark, e)
            c = counts.setdefault(sid, {"exp": 0, "absent": 0})
            if e:
                c["exp"] += 1
                c["absent"] += mark == "absent"
        flush()
        # Sessions: as circle report sessions counts them.
        marks = {}
        for sid, status, n in clock.execute("""
            SELECT a.session_id, a.status, count(*) FROM session s JOIN
              attendance a ON a.session_id = s.id WHERE s.grp_id = ? AND
              s.status = 'held' GROUP BY a.session_id, a.status""", (gid,)):
            marks.setdefault(sid, {})[status] = n
        for sid, ls, status, topic, hc, mins in clock.execute("""
            SELECT s.id, s.local_start, s.status, s.topic, s.headcount,
              (strftime('%s', s.ends_at) - strftime('%s', s.starts_at)) / 60
            FROM session s WHERE s.grp_id = ? AND (s.status = 'held' OR
              s.starts_at <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
            ORDER BY s.starts_at, s.id""", (gid,)):
            held = status == "held"
            m = marks.get(sid, {})
            c = counts.get(sid, {"exp": 0, "absent": 0})
            came = sum(m.get(k, 0) for k in ATTENDED)
            total = max(hc or 0, came)
            row = [sid, cell(ses, day(ls), "yyyy-mm-dd"),
                   cell(ses, datetime.time(int(ls[11:13]), int(ls[14:16])),
                        "hh:mm"), handle, status, topic, mins / 60]
            if held:
                row += [c["exp"], m.get("present", 0), m.get("late", 0),
                        m.get("left_early", 0), m.get("excused", 0),
                        c["absent"], hc, total]
                mo = months.setdefault(ls[:7], [0, 0])
                mo[0] += 1
                mo[1] += total
            else:
                row += [None] * 6 + [hc, None]
            row.append(status == "scheduled")
            clock.append(ses, row)
            nrows += 1
    att.auto_filter.ref = "A1:%s%d" % (
        get_column_letter(ncols), clock.rows[att.title])
    ses.auto_filter.ref = "A1:P%d" % nrows

    # Roster.
    ros.freeze_panes = "B2"
    clock.append(ros, ["Name", "Pronouns", "Group", "Role", "Joined", "Left",
                       "Status"])
    for r in clock.execute("""
        SELECT m.display_name, m.pronouns, g.handle, p.role, p.joined_on,
          p.left_on, m.status FROM membership p JOIN member m ON
          m.id = p.member_id JOIN grp g ON g.id = p.grp_id
        ORDER BY g.handle, m.display_name COLLATE NOCASE, m.handle"""):
        clock.append(ros, [r[0], r[1], r[2], r[3],
                           cell(ros, day(r[4]), "yyyy-mm-dd"),
                           cell(ros, day(r[5]), "yyyy-mm-dd") if r[5] else None,
                           r[6]])

    # Check-ins and follow-ups (none in the benchmark database).
    clock.append(chk, ["Date", "Group", "Session", "Handle", "Name", "Survey",
                       "Phase", "Score"])
    for r in clock.execute("""
        SELECT substr(s.local_start, 1, 10), g.handle, s.id, m.handle,
          m.display_name, v.key, r.phase, r.score FROM response r
        JOIN session s ON s.id = r.session_id JOIN grp g ON g.id = s.grp_id
        JOIN survey v ON v.id = r.survey_id
        LEFT JOIN member m ON m.id = r.member_id
        ORDER BY s.starts_at, g.handle, r.phase, r.taken_at, r.id"""):
        clock.append(chk, [cell(chk, day(r[0]), "yyyy-mm-dd")] + list(r[1:]))
    clock.append(fol, ["Opened", "Group", "Session", "Handle", "Name", "Flag",
                       "Reason", "Status", "Closed", "Note"])
    for r in clock.execute("""
        SELECT f.created_at, g.handle, substr(s.local_start, 1, 10),
          m.handle, m.display_name, f.flag, f.reason, f.status, f.closed_at,
          f.note FROM followup f JOIN session s ON s.id = f.session_id
        JOIN grp g ON g.id = s.grp_id LEFT JOIN member m ON m.id = f.member_id
        ORDER BY f.created_at, f.id"""):
        clock.append(fol, list(r))

    # Summary: circle report funder's figures over everything, then the
    # months and their chart.
    held, secs, people, new, contacts, retained = list(clock.execute("""
        WITH h AS MATERIALIZED (SELECT s.id AS id, s.headcount AS headcount,
          strftime('%s', s.ends_at) - strftime('%s', s.starts_at) AS secs
          FROM session s WHERE s.status = 'held'),
        a AS MATERIALIZED (SELECT a.session_id AS session_id,
          a.member_id AS member_id FROM h JOIN attendance a ON
          a.session_id = h.id WHERE a.status IN ('present', 'late',
          'left_early')),
        n AS (SELECT session_id, count(*) AS n FROM a GROUP BY session_id),
        p AS MATERIALIZED (SELECT member_id, count(*) AS n FROM a
          GROUP BY member_id)
        SELECT (SELECT count(*) FROM h), (SELECT sum(secs) FROM h),
          (SELECT count(*) FROM p), (SELECT count(*) FROM p),
          (SELECT sum(max(coalesce(h.headcount, 0), coalesce(n.n, 0)))
           FROM h LEFT JOIN n ON n.session_id = h.id),
          (SELECT count(*) FROM p WHERE p.n >= 3)"""))[0]
    clock.append(summary, [cell(summary, "Attendance and check-ins")])
    clock.append(summary, [])
    for label, v, fmt in (
            ("Groups", "All groups (%d)" % len(groups), None),
            ("Sessions held", held, None),
            ("Service hours", round(secs / 3600, 2), "0.00"),
            ("Unique participants", people, None),
            ("New participants", new, None),
            ("Total attendances", contacts, None),
            ("Average attendance per session", round(contacts / held, 1),
             "0.0"),
            ("Retention", round(retained / people, 2), "0%")):
        clock.append(summary, [label, cell(summary, v, fmt)])
    clock.append(summary, [])
    clock.append(summary, ["Month", "Sessions held", "Attendances",
                           "Average per session"])
    top = 14
    for m in sorted(months):
        h, a = months[m]
        clock.append(summary, [cell(summary, day(m + "-01"), "mmm yyyy"), h,
                               a, cell(summary, round(a / h, 1), "0.0")])
    chart = BarChart()
    chart.title = "Attendance per month"
    chart.add_data(Reference(summary, min_col=3, min_row=top,
                             max_row=top + len(months)), titles_from_data=True)
    chart.set_categories(Reference(summary, min_col=1, min_row=top + 1,
                                   max_row=top + len(months)))
    summary.add_chart(chart, "F2")
    wb.save(out)
    print("total %.3f sql %.3f" % (time.perf_counter() - start, clock.sql))


if __name__ == "__main__":
    main()
