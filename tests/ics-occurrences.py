#!/usr/bin/python3
# ics-occurrences.py FILE ZONE MINUTES UNTIL: the sessions a calendar file
# describes, as python-icalendar and recurring_ical_events expand it, one
# "starts ends status" line each (UTC, sorted), to compare with what
# `circle session import --until UNTIL` made for a group in ZONE whose
# sessions last MINUTES.  circle's own rules, written out here once:
# floating times and dates are in the group's zone; a date starts at its
# local midnight and lasts whole days of 24 hours; a time with no end or
# duration lasts MINUTES; an event longer than a week, or all-day (a
# date, or Outlook's X-MICROSOFT-CDO-ALLDAYEVENT:TRUE at midnight), is no
# session; an override whose series is not in the file is a session of
# its own.
import datetime
import sys
import zoneinfo

import icalendar
import recurring_ical_events

path, zone, minutes, until = sys.argv[1:5]
tz = zoneinfo.ZoneInfo(zone)
UTC = datetime.timezone.utc
cal = icalendar.Calendar.from_ical(open(path, "rb").read())
end = datetime.date.fromisoformat(until) + datetime.timedelta(days=1)


def vtimezone_offsets(name):
    """The offsets (TZOFFSETTO) of the file's VTIMEZONE named name."""
    for c in cal.walk("VTIMEZONE"):
        if str(c.get("TZID")) == name:
            return {o["TZOFFSETTO"].td for o in c.subcomponents
                    if "TZOFFSETTO" in o}
    return set()


def zone_of_tzid(name, year):
    """An IANA name, else a made-up one (Outlook's "(UTC+01:00) Amsterdam,
    Berlin, ...") whose VTIMEZONE has the group's zone's offsets in winter
    and summer: the group's zone, as circle tries it first."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        pass
    seen = {tz.utcoffset(datetime.datetime(year, m, 15)) for m in (1, 7)}
    if vtimezone_offsets(name) == seen:
        return tz
    sys.exit("ics-occurrences.py: TZID %r: not a zone, nor the group's" % name)


def utc(value):
    """pytz, under icalendar 4, knows no clock change after 2037: the wall
    time is read again in its zone by zoneinfo, which does."""
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime(value.year, value.month, value.day)
    name = getattr(value.tzinfo, "zone", None)
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    elif name is not None and name != "UTC":
        value = value.replace(tzinfo=zone_of_tzid(name, value.year))
    return value.astimezone(UTC)


def length(ev, start):
    if isinstance(start, datetime.datetime):
        if "DTEND" in ev:
            return utc(ev["DTEND"].dt) - utc(start)
        if "DURATION" in ev:
            return ev["DURATION"].dt
        return datetime.timedelta(minutes=int(minutes))
    if "DTEND" in ev:
        return datetime.timedelta(days=(ev["DTEND"].dt - start).days)
    if "DURATION" in ev:
        return datetime.timedelta(days=ev["DURATION"].dt.days)
    return datetime.timedelta(days=1)


out = set()
for ev in recurring_ical_events.of(cal).between((1900, 1, 1), end):
    start = ev["DTSTART"].dt
    span = length(ev, start)
    if span > datetime.timedelta(days=7):
        continue
    if not isinstance(start, datetime.datetime):
        continue
    if (str(ev.get("X-MICROSOFT-CDO-ALLDAYEVENT", "")).upper() == "TRUE"
            and start.time() == datetime.time(0)):
        continue
    if span <= datetime.timedelta(0):
        span = datetime.timedelta(minutes=int(minutes))
    status = str(ev.get("STATUS", "")).upper()
    a = utc(start)
    out.add("%s %s %s" % (a.strftime("%Y-%m-%dT%H:%M:%SZ"),
                          (a + span).strftime("%Y-%m-%dT%H:%M:%SZ"),
                          "cancelled" if status == "CANCELLED"
                          else "scheduled"))
for line in sorted(out):
    print(line)
