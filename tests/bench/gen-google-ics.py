#!/usr/bin/python3
# gen-google-ics.py N: a calendar shaped like a Google Calendar export of
# N events (about 330 bytes each, as Google writes them): mostly one-off
# events over ten years, with every 25th a weekly series, every 50th
# series with a moved and a cancelled override, VALARMs, empty
# DESCRIPTION and LOCATION, and America/New_York times.  Deterministic.
import datetime
import sys

n = int(sys.argv[1])
out = sys.stdout
w = out.write
w("BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n"
  "VERSION:2.0\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n"
  "X-WR-CALNAME:Peer circles\r\nX-WR-TIMEZONE:America/New_York\r\n"
  "BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n"
  "X-LIC-LOCATION:America/New_York\r\nBEGIN:DAYLIGHT\r\n"
  "TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\n"
  "DTSTART:19700308T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n"
  "END:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:-0400\r\n"
  "TZOFFSETTO:-0500\r\nTZNAME:EST\r\nDTSTART:19701101T020000\r\n"
  "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\nEND:STANDARD\r\n"
  "END:VTIMEZONE\r\n")
base = datetime.datetime(2055, 1, 3, 18, 0)
made = 0
i = 0


def fmt(t):
    return t.strftime("%Y%m%dT%H%M%S")


def event(start, minutes, uid, extra="", summary="Peer circle"):
    end = start + datetime.timedelta(minutes=minutes)
    w("BEGIN:VEVENT\r\nDTSTART;TZID=America/New_York:%s\r\n"
      "DTEND;TZID=America/New_York:%s\r\n%sDTSTAMP:20270105T120000Z\r\n"
      "UID:%s@google.com\r\nCREATED:20261201T101500Z\r\nDESCRIPTION:\r\n"
      "LAST-MODIFIED:20261201T101500Z\r\nLOCATION:\r\nSEQUENCE:0\r\n"
      "STATUS:CONFIRMED\r\nSUMMARY:%s\r\nTRANSP:OPAQUE\r\n"
      "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:This is an event "
      "reminder\r\nTRIGGER:-P0DT0H30M0S\r\nEND:VALARM\r\nEND:VEVENT\r\n"
      % (fmt(start), fmt(end), extra, uid, summary))


while made < n:
    start = base + datetime.timedelta(days=(i * 7919) % 3650,
                                      minutes=30 * (i % 5))
    uid = "%07dgq%05dbench" % (i, i * 31 % 99991)
    if i % 25 == 0:
        event(start, 90, uid, "RRULE:FREQ=WEEKLY;COUNT=40\r\n")
        made += 1
        if i % 50 == 0 and made + 2 <= n:
            for k, (shift, status) in enumerate(((30, "CONFIRMED"),
                                                 (0, "CANCELLED"))):
                rid = start + datetime.timedelta(weeks=3 + k)
                w("BEGIN:VEVENT\r\nDTSTART;TZID=America/New_York:%s\r\n"
                  "DTEND;TZID=America/New_York:%s\r\n"
                  "DTSTAMP:20270105T120000Z\r\nUID:%s@google.com\r\n"
                  "RECURRENCE-ID;TZID=America/New_York:%s\r\n"
                  "SEQUENCE:1\r\nSTATUS:%s\r\nSUMMARY:Peer circle\r\n"
                  "END:VEVENT\r\n" % (
                      fmt(rid + datetime.timedelta(minutes=shift)),
                      fmt(rid + datetime.timedelta(minutes=shift + 90)),
                      uid, fmt(rid), status))
                made += 1
    else:
        event(start, 60 + 30 * (i % 3), uid)
        made += 1
    i += 1
w("END:VCALENDAR\r\n")
