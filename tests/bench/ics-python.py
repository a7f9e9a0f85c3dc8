# ics-python.py: the reference for the export-ics benchmark (run.sh).
# Builds the calendar "circle export ics --all" writes, from the same
# database, with python3-icalendar: a VEVENT with its RRULE for each series,
# an EXDATE for each occurrence without a session (the rule expanded with
# dateutil, which python3-icalendar depends on), RECURRENCE-ID overrides for
# sessions that were moved, cancelled or given their own topic or place,
# single events for one-offs, a VTIMEZONE for each zone; then serialises
# it.  Prints the number of VEVENTs.
#
# Usage: /usr/bin/python3 ics-python.py DB OUT
import sqlite3
import sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import icalendar
from dateutil import rrule


def utc(s):
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=timezone.utc)


def local(s, tz):
    return datetime.strptime(s, "%Y-%m-%dT%H:%M").replace(tzinfo=ZoneInfo(tz))


def vtimezone(tz):
    # The transitions of the years the calendar spans, as libical writes
    # them: enough for a client to place the times.
    z = ZoneInfo(tz)
    vt = icalendar.Timezone()
    vt.add("TZID", tz)
    prev = None
    t = datetime(2020, 1, 1, tzinfo=timezone.utc)
    end = datetime(2028, 1, 1, tzinfo=timezone.utc)
    while t < end:
        off = t.astimezone(z).utcoffset()
        if prev is not None and off != prev:
            sub = icalendar.TimezoneDaylight() if off > prev else \
                icalendar.TimezoneStandard()
            sub.add("TZOFFSETFROM", prev)
            sub.add("TZOFFSETTO", off)
            sub.add("DTSTART", (t + prev).replace(tzinfo=None))
            vt.add_component(sub)
        prev = off
        t += timedelta(hours=6)
    return vt


def main():
    db = sqlite3.connect(sys.argv[1])
    stamp = datetime.now(timezone.utc)
    cal = icalendar.Calendar()
    cal.add("PRODID", "-//circle//circle 0.1//EN")
    cal.add("VERSION", "2.0")
    cal.add("METHOD", "PUBLISH")
    zones = [r[0] for r in db.execute(
        "SELECT DISTINCT tzid FROM session WHERE tzid != 'UTC' "
        "ORDER BY tzid")]
    for tz in zones:
        cal.add_component(vtimezone(tz))
    sessions = {}
    for row in db.execute(
            "SELECT s.uid, s.series_id, s.recurrence_id, s.starts_at, "
            "s.ends_at, s.local_start, s.tzid, s.topic IS NOT NULL OR "
            "s.location IS NOT NULL, coalesce(s.location, r.location, "
            "g.location), coalesce(s.topic, r.topic), s.status, "
            "s.updated_at, g.name, g.online_url, s.sequence FROM session s "
            "JOIN grp g ON g.id = s.grp_id LEFT JOIN series r ON "
            "r.id = s.series_id ORDER BY s.starts_at, s.id"):
        sessions.setdefault(row[1], []).append(row)

    def event(uid, seq, updated, summary):
        ev = icalendar.Event()
        ev.add("UID", uid)
        ev.add("DTSTAMP", stamp)
        if updated:
            ev.add("LAST-MODIFIED", utc(updated))
        ev.add("SEQUENCE", seq)
        ev.add("SUMMARY", summary)
        return ev

    def session_event(s, uid, rid_tz):
        ev = event(uid, s[14], s[11], s[12])
        if rid_tz:
            ev.add("RECURRENCE-ID", utc(s[2]).astimezone(ZoneInfo(rid_tz)))
        start = local(s[5], s[6])
        ev.add("DTSTART", start)
        ev.add("DTEND", utc(s[4]).astimezone(ZoneInfo(s[6])))
        if s[10] == "cancelled":
            ev.add("STATUS", "CANCELLED")
        if s[8]:
            ev.add("LOCATION", s[8])
        if s[9]:
            ev.add("DESCRIPTION", s[9])
        if s[13]:
            ev.add("URL", s[13])
        cal.add_component(ev)

    n = 0
    for r in db.execute(
            "SELECT r.id, r.uid, r.rrule, r.dtstart, r.tzid, r.duration, "
            "coalesce(r.location, g.location), r.topic, r.updated_at, "
            "g.name, g.online_url, r.sequence FROM series r JOIN grp g ON "
            "g.id = r.grp_id ORDER BY r.id"):
        tz = ZoneInfo(r[4])
        ss = sessions.get(r[0], [])
        byrid = {s[2]: s for s in ss}
        start = local(r[3], r[4]).replace(tzinfo=None)
        rule = rrule.rrulestr(r[2], dtstart=start)
        occ = list(rule)
        ev = event(r[1], r[11], r[8], r[9])
        ev.add("DTSTART", occ[0].replace(tzinfo=tz))
        ev.add("DURATION", timedelta(minutes=r[5]))
        ev.add("RRULE", icalendar.vRecur.from_ical(r[2]))
        if r[6]:
            ev.add("LOCATION", r[6])
        if r[7]:
            ev.add("DESCRIPTION", r[7])
        if r[10]:
            ev.add("URL", r[10])
        for o in occ:
            when = o.replace(tzinfo=tz)
            key = when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            if key not in byrid:
                ev.add("EXDATE", when)
        cal.add_component(ev)
        n += 1
        for s in ss:
            moved = s[2] != s[3]
            length = (utc(s[4]) - utc(s[3])).total_seconds() / 60
            if moved or s[10] == "cancelled" or s[7] or length != r[5]:
                session_event(s, r[1], r[4])
                n += 1
    for s in sessions.get(None, []):
        session_event(s, s[0], None)
        n += 1
    with open(sys.argv[2], "wb") as f:
        f.write(cal.to_ical())
    print(n)


main()
