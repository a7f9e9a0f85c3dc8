# gen-lib.sh: the large benchmark data set as SQL, sourced by gen-large.sh
# and gen-attendance-csv.sh (POSIX sh; defines functions only).
#
# At scale 1: 200 groups (one weekly series each, 260 sessions from the week
# of 2021-01-04 to the week of 2025-12-22: 52,000 sessions), 10,000 members
# in one or two groups each (founders, later joiners, leavers, some who come
# back, a few guests, facilitators, some inactive members), and exactly
# 1,000,000 attendance rows drawn from about 2.56 million (held session,
# person on its roster) pairs, 2.48 million of them expected (the others
# are guests' and inactive members').  A scale s has s times the groups,
# members and attendance rows over the same five years, so per-member work
# is the same at every scale.
#
# Everything is a function of the row numbers (the hash below), never of
# random() or the clock: the same scale gives the same bytes.
#
# Times: every group meets in one of a few real zones; the UTC times follow
# that zone's daylight-saving rule (US, EU, south-east Australia, or none)
# by date.  This is exact for these meeting times (10:00 to 19:30 local),
# which never fall inside a transition, and for 2021-2025; it is not a time
# zone library.

# large_counts SCALE: sets G (groups), M (members) and A (attendance rows);
# fails, quietly, unless SCALE is a number from about 0.01 to 20.
large_counts() {
	_counts=$(awk -v s="$1" 'BEGIN {
		if (s !~ /^[0-9]*\.?[0-9]+$/ && s !~ /^[0-9]+\.$/) exit 1
		g = int(200 * s + 0.5); m = int(10000 * s + 0.5)
		a = int(1000000 * s + 0.5)
		if (g < 2 || m < 20 || s > 20) exit 1
		print g, m, a
	}') || return 1
	set -- $_counts
	G=$1 M=$2 A=$3
}

# h EXPR SALT: SQL for a pseudo-random integer in [0, 1000000007) that
# depends only on the integer EXPR (>= 0, < 10^14) and SALT: a linear step
# then a quadratic one, modulo a prime, all within 64-bit integers.
h() {
	_u="((($1)*48271+$2*7919+11)%1000000007)"
	printf '((%s*%s+%s*31+%s)%%1000000007)' "$_u" "$_u" "$_u" "$2"
}

# large_schema: tables with the columns the fill uses, for a scratch file
# that is not a circle database (gen-attendance-csv.sh without a database).
# Only the shape matters here; circle's own schema is lib/schema.c.
large_schema() {
	cat <<'EOF'
CREATE TABLE grp (id INTEGER PRIMARY KEY, uid, handle, name, description,
    location, online_url, tzid, duration, checkin_survey, checkout_survey,
    archived_at, created_at, updated_at);
CREATE TABLE member (id INTEGER PRIMARY KEY, uid, handle, display_name,
    full_name, pronouns, email, phone, emergency, consent, consent_on, status,
    notes, created_at, updated_at);
CREATE TABLE membership (id INTEGER PRIMARY KEY, grp_id, member_id, role,
    joined_on, left_on);
CREATE INDEX membership_grp ON membership (grp_id, joined_on);
CREATE INDEX membership_member ON membership (member_id);
CREATE TABLE change_log (id INTEGER PRIMARY KEY, at, tool, action, entity,
    uid, member_uid, detail);
CREATE TABLE series (id INTEGER PRIMARY KEY, uid, grp_id, key, rrule,
    dtstart, tzid, duration, exdates, location, topic, through, sequence,
    created_at, updated_at);
CREATE TABLE session (id INTEGER PRIMARY KEY, uid, grp_id, series_id,
    recurrence_id, starts_at, ends_at, local_start, tzid, location, topic,
    status, cancel_reason, headcount, notes, sequence, created_at,
    updated_at);
CREATE TABLE attendance (id INTEGER PRIMARY KEY, session_id, member_id,
    status, note, created_at, updated_at);
EOF
}

# large_sql SCALE: the statements that fill an empty database (circle's
# schema, or large_schema) in one transaction.  Day 0 is 2021-01-04, a
# Monday; group g meets on weekday g % 7 (0 Monday) of weeks 0-259.
large_sql() {
	large_counts "$1" || return 1
	# uids: deterministic, unique per kind (1 group, 2 series,
	# 3 member, 4 session), in the UUID v4 layout
	cat <<EOF
PRAGMA foreign_keys = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -262144;
PRAGMA temp_store = MEMORY;
BEGIN;

-- zones: standard and summer offsets from UTC in minutes, and the rule
CREATE TEMP TABLE zone (i INTEGER PRIMARY KEY, tzid TEXT, std INT, dst INT,
    rule TEXT, city TEXT);
INSERT INTO zone VALUES
    (0, 'America/New_York', -300, -240, 'us', 'Brooklyn'),
    (1, 'America/Chicago', -360, -300, 'us', 'Evanston'),
    (2, 'America/Los_Angeles', -480, -420, 'us', 'Oakland'),
    (3, 'Europe/London', 0, 60, 'eu', 'Leeds'),
    (4, 'Europe/Berlin', 60, 120, 'eu', 'Berlin'),
    (5, 'Australia/Sydney', 600, 660, 'au', 'Newtown'),
    (6, 'Asia/Kolkata', 330, 330, 'none', 'Bengaluru');
CREATE TEMP TABLE topic (i INTEGER PRIMARY KEY, name TEXT, hp TEXT);
INSERT INTO topic VALUES
    (0, 'Grief Support', 'grief-support'), (1, 'Recovery Circle', 'recovery'),
    (2, 'New Parents', 'new-parents'), (3, 'Caregivers', 'caregivers'),
    (4, 'Anxiety Peer Group', 'anxiety'), (5, 'Men''s Circle', 'mens-circle'),
    (6, 'Bereaved Parents', 'bereaved-parents'),
    (7, 'Chronic Pain', 'chronic-pain'),
    (8, 'Veterans Peer Support', 'veterans'),
    (9, 'LGBTQ+ Peer Circle', 'lgbtq-peer'),
    (10, 'Young Adults', 'young-adults'),
    (11, 'Separation & Divorce', 'separation'),
    (12, 'Cancer Survivors', 'cancer-survivors'),
    (13, 'Sober Parents', 'sober-parents'),
    (14, 'Hearing Voices', 'hearing-voices'),
    (15, 'Postpartum Support', 'postpartum');
CREATE TEMP TABLE fname (i INTEGER PRIMARY KEY, name TEXT, hp TEXT);
INSERT INTO fname VALUES
    (0,'Alex','alex'), (1,'Sam','sam'), (2,'Jordan','jordan'),
    (3,'María','maria'), (4,'José','jose'), (5,'Wei','wei'),
    (6,'Aisha','aisha'),
    (7,'Priya','priya'), (8,'Noah','noah'), (9,'Emma','emma'),
    (10,'Liam','liam'),
    (11,'Olivia','olivia'), (12,'Mateo','mateo'), (13,'Sofía','sofia'),
    (14,'Omar','omar'), (15,'Fatima','fatima'), (16,'Kenji','kenji'),
    (17,'Yuki','yuki'), (18,'Lucas','lucas'), (19,'Chloé','chloe'),
    (20,'Ahmed','ahmed'), (21,'Leila','leila'), (22,'Ivan','ivan'),
    (23,'Anya','anya'), (24,'Diego','diego'), (25,'Lucía','lucia'),
    (26,'Kwame','kwame'), (27,'Amara','amara'), (28,'Tom','tom'),
    (29,'Grace','grace'), (30,'Raj','raj'), (31,'Meera','meera'),
    (32,'Ali','ali'),
    (33,'Sara','sara'), (34,'Ben','ben'), (35,'Nina','nina'),
    (36,'Carlos','carlos'),
    (37,'Elena','elena'), (38,'Hugo','hugo'), (39,'Zoë','zoe');
CREATE TEMP TABLE lname (i INTEGER PRIMARY KEY, name TEXT, hp TEXT);
INSERT INTO lname VALUES
    (0,'Rivera','rivera'), (1,'Chen','chen'), (2,'Okafor','okafor'),
    (3,'Nguyen','nguyen'), (4,'García','garcia'), (5,'Smith','smith'),
    (6,'Patel','patel'), (7,'Kim','kim'), (8,'Haddad','haddad'),
    (9,'Novak','novak'), (10,'Dubois','dubois'), (11,'Murphy','murphy'),
    (12,'Silva','silva'), (13,'Rossi','rossi'), (14,'Cohen','cohen'),
    (15,'Tanaka','tanaka'), (16,'Jones','jones'), (17,'Müller','muller'),
    (18,'Ortiz','ortiz'), (19,'Singh','singh'), (20,'Hassan','hassan'),
    (21,'López','lopez'), (22,'Walker','walker'), (23,'Brown','brown'),
    (24,'Adeyemi','adeyemi'), (25,'Kowalski','kowalski'),
    (26,'Andersen','andersen'), (27,'Costa','costa'), (28,'Reyes','reyes'),
    (29,'Park','park'), (30,'Ali','ali'), (31,'Martin','martin'),
    (32,'Evans','evans'), (33,'Khan','khan'), (34,'Bauer','bauer'),
    (35,'Moreau','moreau'), (36,'Ibrahim','ibrahim'), (37,'Sato','sato'),
    (38,'Fischer','fischer'), (39,'Wright','wright');

-- groups: weekday, time, zone, length; every 20th (10, 30, ...) is an
-- anonymous group that records a headcount and has no roster
CREATE TEMP TABLE gx AS
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $G)
SELECT i AS id, i % 7 AS wd,
    substr('MOTUWETHFRSASU', (i % 7) * 2 + 1, 2) AS byday,
    substr('mon tue wed thu fri sat sun ', (i % 7) * 4 + 1, 3) AS dshort,
    substr('Monday   Tuesday  WednesdayThursday Friday   Saturday Sunday   ',
        (i % 7) * 9 + 1, 9) AS dname,
    substr('18:0018:3019:0019:3010:0012:3017:30',
        ($(h i 2) % 7) * 5 + 1, 5) AS at,
    CASE WHEN $(h i 3) % 4 = 0 THEN 120 ELSE 90 END AS duration,
    substr('0012233456', i % 10 + 1, 1) + 0 AS zone,
    $(h i 4) % 16 AS topic,
    $(h i 5) % 3 = 0 AS online,
    i % 20 = 10 AS anon
FROM n;
-- a group's place in the week, by local day and time
CREATE TEMP TABLE gslot AS
SELECT id, row_number() OVER (ORDER BY wd, at, id) AS slot FROM gx;

INSERT INTO grp (id, uid, handle, name, description, location, online_url,
    tzid, duration, created_at, updated_at)
SELECT gx.id, printf('%08x-0000-4000-8000-%012x', 1, gx.id),
    printf('%s-%s-%d', t.hp, trim(gx.dshort), gx.id),
    printf('%s, %s %s', CASE WHEN gx.anon THEN 'Open Recovery Meeting'
        ELSE t.name END, rtrim(gx.dname), gx.at),
    CASE WHEN gx.anon THEN 'Anonymous: a headcount, no names.'
        ELSE 'Peer support: ' || lower(t.name) || '.' END,
    CASE WHEN gx.online THEN NULL
        ELSE printf('Room %d, %s Community Center', 1 + gx.id % 9, z.city) END,
    CASE WHEN gx.online THEN printf('https://meet.example.org/%s-%d', t.hp,
        gx.id) END,
    z.tzid, gx.duration, '2020-09-01T12:00:00Z', '2020-09-01T12:00:00Z'
FROM gx JOIN zone z ON z.i = gx.zone JOIN topic t ON t.i = gx.topic
ORDER BY gx.id;

INSERT INTO series (id, uid, grp_id, key, rrule, dtstart, tzid, duration,
    sequence, created_at, updated_at)
SELECT gx.id, printf('%08x-0000-4000-8000-%012x', 2, gx.id), gx.id,
    printf('weekly-%s-%s-from-%s', lower(gx.byday), replace(gx.at, ':', ''),
        date('2021-01-04', printf('+%d days', gx.wd))),
    printf('FREQ=WEEKLY;BYDAY=%s;COUNT=260', gx.byday),
    date('2021-01-04', printf('+%d days', gx.wd)) || 'T' || gx.at,
    z.tzid, gx.duration, 0, '2020-09-01T12:00:00Z', '2020-09-01T12:00:00Z'
FROM gx JOIN zone z ON z.i = gx.zone
ORDER BY gx.id;

-- daylight saving: in summer time from a (included) to b (excluded), or
-- in Australia outside [a, b); the Sundays of the rules, 2020-2026
CREATE TEMP TABLE dstb (rule TEXT, y TEXT, a TEXT, b TEXT,
    PRIMARY KEY (rule, y));
INSERT INTO dstb
WITH RECURSIVE yr(y) AS (SELECT 2020 UNION ALL SELECT y + 1 FROM yr
    WHERE y < 2026)
SELECT 'us', y, date(y || '-03-01', 'weekday 0', '+7 days'),
    date(y || '-11-01', 'weekday 0') FROM yr
UNION ALL
SELECT 'eu', y, date(y || '-03-25', 'weekday 0'),
    date(y || '-10-25', 'weekday 0') FROM yr
UNION ALL
SELECT 'au', y, date(y || '-04-01', 'weekday 0'),
    date(y || '-10-01', 'weekday 0') FROM yr
UNION ALL
SELECT 'none', y, '', '' FROM yr;

-- sessions: week k (0-259) of the group in place p of the week (by local
-- day and time) is session k * G + p, so ids follow the calendar (local
-- time).  The last three weeks are not recorded yet
-- (scheduled); Christmas and New Year's Day are cancelled, as are 2% more;
-- 0.5% nobody came (not_held); 0.5% were moved to the next day
-- (recurrence_id keeps the occurrence, sequence 1).
CREATE TEMP TABLE moved AS
WITH RECURSIVE wk(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM wk WHERE k < 259),
occ AS (
    SELECT wk.k * $G + gx.slot AS id, gx.id AS gid, wk.k AS k,
        gx.at AS at, gx.duration AS duration, gx.anon AS anon,
        z.tzid AS tzid, z.std AS std, z.dst AS dst, z.rule AS rule,
        date('2021-01-04', printf('+%d days', 7 * wk.k + gx.wd)) AS d0
    FROM wk CROSS JOIN (SELECT gx.*, gslot.slot FROM gx
        JOIN gslot ON gslot.id = gx.id) AS gx
    JOIN zone z ON z.i = gx.zone),
rnd AS (
    SELECT occ.*, $(h id 21) % 1000 AS r FROM occ)
SELECT rnd.*, CASE WHEN r BETWEEN 25 AND 29 THEN date(d0, '+1 day')
    ELSE d0 END AS d
FROM rnd;

INSERT INTO session (id, uid, grp_id, series_id, recurrence_id, starts_at,
    ends_at, local_start, tzid, status, cancel_reason, headcount, sequence,
    created_at, updated_at)
WITH off AS (
    SELECT moved.*,
        CASE WHEN (d0 >= b0.a AND d0 < b0.b) != (moved.rule = 'au') THEN dst
            ELSE std END AS off0,
        CASE WHEN (d >= b1.a AND d < b1.b) != (moved.rule = 'au') THEN dst
            ELSE std END AS off
    FROM moved
    JOIN dstb b0 ON b0.rule = moved.rule AND b0.y = substr(d0, 1, 4)
    JOIN dstb b1 ON b1.rule = moved.rule AND b1.y = substr(d, 1, 4)),
utc AS (
    SELECT off.*,
        strftime('%Y-%m-%dT%H:%M:%SZ', d0 || ' ' || at,
            printf('%+d minutes', -off0)) AS rid,
        strftime('%Y-%m-%dT%H:%M:%SZ', d || ' ' || at,
            printf('%+d minutes', -off)) AS s,
        strftime('%Y-%m-%dT%H:%M:%SZ', d || ' ' || at,
            printf('%+d minutes', duration - off)) AS e,
        CASE WHEN k >= 257 THEN 'scheduled'
            WHEN substr(d, 6) IN ('12-25', '01-01') THEN 'cancelled'
            WHEN r < 20 THEN 'cancelled'
            WHEN r < 25 THEN 'not_held'
            ELSE 'held' END AS status
    FROM off)
SELECT id, printf('%08x-0000-4000-8000-%012x', 4, id), gid, gid, rid, s, e,
    d || 'T' || at, tzid, status,
    CASE WHEN status != 'cancelled' THEN NULL
        WHEN substr(d, 6) IN ('12-25', '01-01') THEN 'holiday'
        WHEN r % 2 = 0 THEN 'facilitator unavailable'
        ELSE 'venue closed' END,
    CASE WHEN anon AND status = 'held' THEN 4 + $(h id 22) % 12 END,
    CASE WHEN d != d0 THEN 1 ELSE 0 END,
    '2020-09-01T12:00:00Z',
    CASE WHEN status = 'scheduled' THEN '2020-09-01T12:00:00Z' ELSE e END
FROM utc
ORDER BY id;

-- groups with a roster, numbered 0 .. NG - 1
CREATE TEMP TABLE na AS
SELECT row_number() OVER (ORDER BY id) - 1 AS idx, id AS gid
FROM gx WHERE NOT anon;
CREATE TEMP TABLE ng AS SELECT count(*) AS n FROM na;

-- members: name, and how often they come (percent)
CREATE TEMP TABLE mx (id INTEGER PRIMARY KEY, f INT, l INT, status TEXT,
    prop INT, two INT, guest INT);
INSERT INTO mx
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $M)
SELECT i AS id, $(h i 31) % 40 AS f, $(h i 32) % 40 AS l,
    CASE WHEN $(h i 33) % 100 < 3 THEN 'inactive' ELSE 'active' END AS status,
    CASE WHEN $(h i 34) % 100 < 20 THEN 85 WHEN $(h i 34) % 100 < 50 THEN 60
        WHEN $(h i 34) % 100 < 80 THEN 35 ELSE 15 END AS prop,
    $(h i 35) % 100 < 62 AS two,
    $(h i 36) % 100 < 5 AS guest
FROM n;

-- memberships: slot 1 and (for some) slot 2 in another group; founders
-- joined before the first session, the others any time; a quarter leave;
-- a quarter of those who left come back later; a few guests visit a third
-- group for a few weeks.  Days are from 2021-01-04.
CREATE TEMP TABLE ms (member_id INT, slot INT, gi INT, role TEXT, jd INT,
    ld INT);
CREATE INDEX temp.ms_member ON ms (member_id, slot);
INSERT INTO ms
WITH base AS (
    SELECT mx.id, 1 AS slot, $(h mx.id 41) % ng.n AS gi
    FROM mx, ng
    UNION ALL
    SELECT mx.id, 2, ($(h mx.id 41) % ng.n + 1 + $(h mx.id 42) % (ng.n - 1))
        % ng.n
    FROM mx, ng WHERE mx.two),
join_day AS (
    SELECT base.*, CASE WHEN $(h "id * 2 + slot" 43) % 100 < 45
        THEN -1 - $(h "id * 2 + slot" 44) % 120
        ELSE $(h "id * 2 + slot" 44) % 1780 END AS jd
    FROM base)
SELECT id, slot, gi,
    CASE WHEN $(h "id * 2 + slot" 45) % 100 < 4 THEN 'facilitator'
        ELSE 'member' END,
    jd,
    CASE WHEN $(h "id * 2 + slot" 46) % 100 < 25
        AND max(jd, 0) + 56 + $(h "id * 2 + slot" 47) % 800 < 1820
        THEN max(jd, 0) + 56 + $(h "id * 2 + slot" 47) % 800 END
FROM join_day;
-- coming back
INSERT INTO ms
SELECT member_id, slot + 2, gi, role,
    ld + 30 + $(h "member_id * 2 + slot" 48) % 300, NULL
FROM ms
WHERE ld IS NOT NULL AND $(h "member_id * 2 + slot" 49) % 100 < 25
    AND ld + 30 + $(h "member_id * 2 + slot" 48) % 300 < 1800;
-- guests, in a group that is neither of their own
INSERT INTO ms
SELECT mx.id, 5,
    (s1.gi + 1 + $(h mx.id 53) % (ng.n - 1)) % ng.n, 'guest',
    $(h mx.id 51) % 1750, $(h mx.id 51) % 1750 + 7 + $(h mx.id 52) % 50
FROM mx JOIN ms s1 ON s1.member_id = mx.id AND s1.slot = 1, ng
WHERE mx.guest AND ng.n > 2
    AND (s1.gi + 1 + $(h mx.id 53) % (ng.n - 1)) % ng.n
        != coalesce((SELECT gi FROM ms s2 WHERE s2.member_id = mx.id
            AND s2.slot = 2), -1);

INSERT INTO membership (grp_id, member_id, role, joined_on, left_on)
SELECT na.gid, ms.member_id, ms.role,
    date('2021-01-04', printf('%+d days', ms.jd)),
    CASE WHEN ms.ld IS NOT NULL
        THEN date('2021-01-04', printf('%+d days', ms.ld)) END
FROM ms JOIN na ON na.idx = ms.gi
ORDER BY ms.jd, ms.member_id, ms.slot;

-- members, each created on the day they first joined; handles as circle
-- makes them: "alex-r", else "alex-rivera", else "alex-r-2"
INSERT INTO member (id, uid, handle, display_name, pronouns, email, phone,
    consent, consent_on, status, created_at, updated_at)
WITH named AS (
    SELECT mx.*, f.name || ' ' || l.name AS name,
        f.hp || '-' || substr(l.hp, 1, 1) AS short, f.hp || '-' || l.hp AS full,
        f.hp AS fh, l.hp AS lh,
        (SELECT min(joined_on) FROM membership p WHERE p.member_id = mx.id)
            AS since
    FROM mx JOIN fname f ON f.i = mx.f JOIN lname l ON l.i = mx.l),
ranked AS (
    SELECT named.*,
        row_number() OVER (PARTITION BY short ORDER BY id) AS sr,
        row_number() OVER (PARTITION BY full ORDER BY id) AS fr
    FROM named)
SELECT id, printf('%08x-0000-4000-8000-%012x', 3, id),
    CASE WHEN sr = 1 THEN short WHEN fr = 1 THEN full
        ELSE short || '-' || sr END,
    name,
    CASE $(h id 37) % 8 WHEN 0 THEN 'she/her' WHEN 1 THEN 'he/him'
        WHEN 2 THEN 'they/them' END,
    CASE WHEN $(h id 38) % 10 < 8 THEN printf('%s.%s%d@example.org', fh, lh, id)
        END,
    CASE WHEN $(h id 39) % 10 < 6 THEN printf('555-%04d', $(h id 40) % 10000)
        END,
    CASE WHEN $(h id 30) % 10 < 7 THEN 1 WHEN $(h id 30) % 10 < 9 THEN 0 END,
    CASE WHEN $(h id 30) % 10 < 9 THEN since END,
    status, since || 'T12:00:00Z', since || 'T12:00:00Z'
FROM ranked
ORDER BY id;

-- attendance: every (held session, person on its roster that day) pair,
-- guests too, gets a score: a hash in [0, 10^8) over the person's
-- propensity.  Including the pairs below a cut t gives t * sum(prop) / 10^10
-- rows on average; all pairs below 0.97 t are taken, and from those up to
-- 1.03 t the lowest scores that make exactly $A (no sort of the whole).
-- Rows go in session order (the calendar), a session's in the order its
-- people joined.
CREATE TEMP TABLE roster AS
SELECT p.grp_id AS gid, p.joined_on AS jo, coalesce(p.left_on, '9999') AS lo,
    p.member_id AS mid, mx.prop AS prop
FROM membership p JOIN mx ON mx.id = p.member_id;
CREATE INDEX temp.roster_day ON roster (gid, jo, lo, mid, prop);
CREATE TEMP TABLE cand AS
SELECT s.id AS sid, p.mid AS mid, p.prop AS prop,
    $(h "s.id * 16411 + p.mid" 61) % 100000000 * 100 / p.prop AS score
FROM session s
CROSS JOIN roster p ON p.gid = s.grp_id
    AND p.jo <= substr(s.local_start, 1, 10)
    AND p.lo > substr(s.local_start, 1, 10)
WHERE s.status = 'held'
ORDER BY s.id;
CREATE TEMP TABLE cut AS
SELECT CAST(t * 0.97 AS INTEGER) AS lo, CAST(t * 1.03 AS INTEGER) AS hi
FROM (SELECT $A * 10000000000.0 / sum(prop) AS t FROM cand);
CREATE TEMP TABLE keep (r INTEGER PRIMARY KEY);
INSERT INTO keep
SELECT cand.rowid FROM cand, cut WHERE score >= cut.lo AND score < cut.hi
ORDER BY score, cand.rowid
LIMIT max(0, $A - (SELECT count(*) FROM cand, cut WHERE score < cut.lo));

CREATE TEMP TABLE pick AS
SELECT sid, mid, $(h "sid * 16411 + mid" 62) % 100 AS r
FROM cand, cut
WHERE score < cut.lo OR cand.rowid IN (SELECT r FROM keep)
ORDER BY cand.rowid;
INSERT INTO attendance (session_id, member_id, status, note, created_at,
    updated_at)
SELECT c.sid, c.mid,
    CASE WHEN c.r < 70 THEN 'present' WHEN c.r < 79 THEN 'late'
        WHEN c.r < 84 THEN 'left_early' WHEN c.r < 92 THEN 'excused'
        ELSE 'absent' END,
    CASE WHEN c.r BETWEEN 84 AND 91 AND c.r % 2 = 0 THEN
        CASE c.r WHEN 84 THEN 'travelling' WHEN 86 THEN 'unwell'
            WHEN 88 THEN 'work' ELSE 'family' END END,
    s.ends_at, s.ends_at
FROM pick c CROSS JOIN session s ON s.id = c.sid
ORDER BY c.rowid;

-- the change log of the tools that made all this (not the marks)
INSERT INTO change_log (at, tool, action, entity, uid, member_uid, detail)
SELECT at, tool, action, entity, uid, member_uid, detail FROM (
    SELECT created_at AS at, 0 AS o, id AS i, 'circle-group' AS tool,
        'add' AS action, 'grp' AS entity, uid, NULL AS member_uid,
        json_object('handle', handle, 'name', name, 'tz', tzid,
            'duration', CAST(duration AS TEXT)) AS detail
    FROM grp
    UNION ALL
    SELECT '2020-09-01T12:00:00Z', 1, s.id, 'circle-session', 'plan',
        'series', s.uid, NULL,
        json_object('group', g.handle, 'rrule', s.rrule, 'dtstart', s.dtstart,
            'sessions', 260)
    FROM series s JOIN grp g ON g.id = s.grp_id
    UNION ALL
    SELECT created_at, 2, id, 'circle-roster', 'add', 'member', uid, uid,
        json_object('handle', handle, 'name', display_name)
    FROM member
    UNION ALL
    SELECT p.joined_on || 'T12:00:00Z', 3, p.id, 'circle-roster', 'join',
        'membership', g.uid, m.uid,
        json_object('group', g.handle, 'role', p.role, 'joined_on',
            p.joined_on)
    FROM membership p JOIN grp g ON g.id = p.grp_id
    JOIN member m ON m.id = p.member_id
    UNION ALL
    SELECT p.left_on || 'T12:00:00Z', 4, p.id, 'circle-roster', 'leave',
        'membership', g.uid, m.uid,
        json_object('group', g.handle, 'left_on', p.left_on)
    FROM membership p JOIN grp g ON g.id = p.grp_id
    JOIN member m ON m.id = p.member_id
    WHERE p.left_on IS NOT NULL
)
ORDER BY at, o, i;

DROP TABLE cand;
DROP TABLE pick;
DROP TABLE roster;
DROP TABLE moved;
DROP TABLE keep;
COMMIT;
EOF
}

# large_csv_sql FILE: the statements that write the attendance of a filled
# database as a sign-in CSV (date,time,group,handle,status; LF line ends),
# in the order it was recorded.
large_csv_sql() {
	cat <<EOF
.headers on
.mode csv
.separator , "\n"
.output $1
SELECT substr(s.local_start, 1, 10) AS date,
    substr(s.local_start, 12, 5) AS time, g.handle AS "group",
    m.handle AS handle, a.status AS status
FROM attendance a JOIN session s ON s.id = a.session_id
JOIN grp g ON g.id = s.grp_id JOIN member m ON m.id = a.member_id
ORDER BY a.id;
.output stdout
EOF
}
