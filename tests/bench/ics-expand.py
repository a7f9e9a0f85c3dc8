#!/usr/bin/python3
# ics-expand.py FILE UNTIL: what an import of FILE has to work out, done by
# python3-icalendar and recurring_ical_events: parse the calendar and
# expand every event to its occurrences through UNTIL.  Prints how many.
import datetime
import sys

import icalendar
import recurring_ical_events

path, until = sys.argv[1:3]
cal = icalendar.Calendar.from_ical(open(path, "rb").read())
end = datetime.date.fromisoformat(until) + datetime.timedelta(days=1)
print(sum(1 for _ in recurring_ical_events.of(cal).between((1900, 1, 1),
                                                          end)))
