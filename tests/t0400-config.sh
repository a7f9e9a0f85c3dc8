#!/bin/sh
test_description='circle config: get, set, unset, list; the file found by
--config, CIRCLE_CONFIG and XDG_CONFIG_HOME; malformed files named by line;
unknown keys warned about; the default group'
. "$(dirname "$0")/test-lib.sh"

CFG="$XDG_CONFIG_HOME/circle/config"

test_expect_success 'no file: list and get exit 1, path names the default' '
	test_expect_code 1 circle config list >out &&
	test_must_be_empty out &&
	test_expect_code 1 circle config get group >out &&
	test_must_be_empty out &&
	circle config path >out &&
	echo "$CFG" >expect &&
	test_cmp expect out &&
	test ! -e "$CFG"
'

test_expect_success 'set makes a 0600 file in a 0700 directory' '
	circle config set date-order dmy &&
	circle config set timezone Europe/London &&
	test_mode "$XDG_CONFIG_HOME/circle" 700 &&
	test_mode "$CFG" 600 &&
	circle config get date-order >out &&
	echo dmy >expect &&
	test_cmp expect out &&
	circle config list >out &&
	printf "date-order=dmy\ntimezone=Europe/London\n" >expect &&
	test_cmp expect out
'

test_expect_success 'set changes the line in place, comments kept' '
	printf "# my settings\n\n  Date-Order = mdy   # US\ncolor = never\n" \
	    >"$CFG" &&
	circle config set date-order ymd &&
	printf "# my settings\n\ndate-order = ymd\ncolor = never\n" >expect &&
	test_cmp expect "$CFG"
'

test_expect_success 'a key given twice: get the last; set keeps one line' '
	printf "pager = less\npager = more\n" >"$CFG" &&
	circle config get pager >out &&
	echo more >expect &&
	test_cmp expect out &&
	circle config set pager most &&
	echo "pager = most" >expect &&
	test_cmp expect "$CFG"
'

test_expect_success 'values with spaces, # and quotes are quoted and read back' '
	circle config set pager "less -R # \"mine\"" &&
	circle config get pager >out &&
	echo "less -R # \"mine\"" >expect &&
	test_cmp expect out &&
	test_grep "^pager = \"less -R # \\\\\"mine\\\\\"\"$" "$CFG"
'

test_expect_success 'unset removes it; unset again exits 1' '
	circle config unset pager &&
	test_expect_code 1 circle config get pager &&
	test_expect_code 1 circle config unset pager 2>err &&
	test_grep "pager is not set" err
'

test_expect_success 'a zone typed in any case is kept as the zone is spelt' '
	cp "$CFG" saved &&
	circle config set timezone europe/london &&
	test "$(circle config get timezone)" = Europe/London &&
	circle config set timezone AMERICA/NEW_YORK &&
	test "$(circle config get timezone)" = America/New_York &&
	cp saved "$CFG"
'

test_expect_success 'a zone written in any case by hand in the file is read' '
	cp "$CFG" saved &&
	echo "timezone = asia/tokyo" >"$CFG" &&
	test "$(circle config get timezone)" = Asia/Tokyo &&
	test_fresh_db &&
	test_expect_code 1 circle session list 2>err &&
	test_must_be_empty err &&
	echo "timezone = asia/tokio" >"$CFG" &&
	test_expect_code 65 circle session list 2>err &&
	test_grep "config:[0-9]*: timezone: \"asia/tokio\" is not a known time zone; did you mean Asia/Tokyo?" err &&
	cp saved "$CFG"
'

test_expect_success 'bad values are refused and nothing is written' '
	cp "$CFG" before &&
	test_expect_code 65 circle config set date-order ydm 2>err &&
	test_grep "date-order: \"ydm\" is not an order of a date.s parts: dmy (day first, 24/11/2026; or uk), mdy (month first, 11/24/2026; or us) or ymd (2026-11-24; or iso)\$" err &&
	test_expect_code 65 circle config set date-order european 2>err &&
	test_expect_code 65 circle config set date-order dd/mm/yyyy/dd 2>err &&
	test_expect_code 65 circle config set timezone Europe/Londn 2>err &&
	test_grep "did you mean Europe/London" err &&
	test_expect_code 65 circle config set timezone EST 2>err &&
	test_expect_code 65 circle config set color sometimes &&
	test_expect_code 65 circle config set private perhaps &&
	test_expect_code 65 circle config set week-start someday &&
	test_expect_code 65 circle config set hooks relative/dir &&
	test_expect_code 65 circle config set group "Not A Handle" &&
	test_expect_code 65 circle config set pager "$(printf "a\033b")" &&
	test_cmp before "$CFG"
'

test_expect_success 'unknown keys: refused by set, with a did-you-mean' '
	test_expect_code 2 circle config set colour auto 2>err &&
	test_grep "did you mean \"color\"" err &&
	test_expect_code 2 circle config set tz UTC 2>err &&
	test_grep "unknown key \"tz\"; did you mean \"timezone\"?" err &&
	test_expect_code 2 circle config get nonsense 2>err &&
	test_grep "unknown key" err
'

test_expect_success 'unknown keys in the file: warned about, never fatal' '
	printf "colour = auto\ndate-order = dmy\n" >"$CFG" &&
	circle config get date-order >out 2>err &&
	echo dmy >expect &&
	test_cmp expect out &&
	test_grep "config:1: unknown key \"colour\"; did you mean \"color\"" err
'

test_expect_success 'a malformed file names its line, exit 65' '
	printf "# fine\ndate-order = dmy\nthis is not a setting\n" >"$CFG" &&
	test_expect_code 65 circle config get date-order 2>err &&
	test_grep "config:3: expected key = value" err &&
	printf "[core]\n" >"$CFG" &&
	test_expect_code 65 circle config list 2>err &&
	test_grep "config:1: sections are not used" err &&
	printf "date-order = dmy\ncolor = sometimes\n" >"$CFG" &&
	test_expect_code 65 circle config get date-order 2>err &&
	test_grep "config:2: color: \"sometimes\" is not auto" err &&
	printf "pager = \"less\n" >"$CFG" &&
	test_expect_code 65 circle config list 2>err &&
	test_grep "config:1: a quote is not closed" err &&
	printf "pager = l\377ss\n" >"$CFG" &&
	test_expect_code 65 circle config list 2>err &&
	test_grep "config:1:10: not UTF-8" err &&
	printf "pager = less\r\ndate-order = dmy\r\n" >"$CFG" &&
	circle config get date-order >out &&
	echo dmy >expect &&
	test_cmp expect out
'

test_expect_success 'set leaves a malformed file alone' '
	printf "oops\n" >"$CFG" &&
	test_expect_code 65 circle config set color never &&
	echo oops >expect &&
	test_cmp expect "$CFG"
'

test_expect_success 'a bad value in the file can be set right or unset' '
	printf "color = sometimes\ndate-order = xyz\n" >"$CFG" &&
	test_expect_code 65 circle config list &&
	circle config set color never &&
	circle config unset date-order &&
	circle config list >out &&
	echo color=never >expect &&
	test_cmp expect out
'

test_expect_success 'a bad time zone in the file is named by line when used' '
	printf "color = never\ntimezone = Mars/Olympus\n" >"$CFG" &&
	test_expect_code 65 circle config get timezone 2>err &&
	test_grep "config:2: timezone:" err
'

test_expect_success '--config, CIRCLE_CONFIG and XDG_CONFIG_HOME, in that order' '
	printf "date-order = mdy\n" >"$CFG" &&
	printf "date-order = dmy\n" >env.cfg &&
	printf "date-order = ymd\n" >opt.cfg &&
	circle config get date-order >out &&
	CIRCLE_CONFIG=$PWD/env.cfg circle config get date-order >>out &&
	CIRCLE_CONFIG=$PWD/env.cfg circle config --config opt.cfg \
	    get date-order >>out &&
	CIRCLE_CONFIG=$PWD/env.cfg circle --config opt.cfg config \
	    get date-order >>out &&
	circle-config --config=opt.cfg get date-order >>out &&
	printf "mdy\ndmy\nymd\nymd\nymd\n" >expect &&
	test_cmp expect out &&
	circle --config opt.cfg config set color never &&
	test_grep "color = never" opt.cfg &&
	test_expect_code 2 circle --config "" config list
'

test_expect_success 'a symbolic link is followed, not replaced' '
	mkdir dotfiles &&
	printf "color = auto\n" >dotfiles/circle.cfg &&
	ln -s "$PWD/dotfiles/circle.cfg" link.cfg &&
	circle config --config link.cfg set color always &&
	test -h link.cfg &&
	test_grep "color = always" dotfiles/circle.cfg
'

test_expect_success 'list --json gives keys, values and lines' '
	printf "# c\ngroup = tuesday\n" >"$CFG" &&
	circle config list --json >out &&
	test_grep "\"key\": *\"group\"" out &&
	test_grep "\"line\": *2" out
'

test_expect_success 'the configured group is the one a command needs' '
	circle init >/dev/null &&
	circle group add Tuesday >/dev/null &&
	circle group add Thursday >/dev/null &&
	rm -f "$CFG" &&
	test_expect_code 2 circle session add 2030-01-08 19:00 2>err &&
	test_grep "which group" err &&
	circle config set group thursday &&
	circle session add 2030-01-08 19:00 >/dev/null &&
	circle session list --json >out &&
	test_grep "thursday" out &&
	! test_grep "\"tuesday\"" out &&
	circle config set group nosuch &&
	test_expect_code 1 circle session add 2030-01-09 19:00 2>err &&
	test_grep "the config.s group" err
'

test_expect_success 'set group: one the database has not is warned about, written all the same; none warned without a database' '
	circle config set group nosuch >out 2>err &&
	test_must_be_empty out &&
	echo "circle-config: warning: in $CIRCLE_DB: no group \"nosuch\" (set all the same: the settings serve every database)" >expect &&
	test_cmp expect err &&
	test "$(circle config get group)" = nosuch &&
	circle config set group thursdy 2>err &&
	test_grep "^circle-config: warning: in .*: no group \"thursdy\"; did you mean thursday (Thursday)? (set all the same" err &&
	circle config set group thursday 2>err &&
	test_must_be_empty err &&
	circle --db none.db config set group nosuch 2>err &&
	test_must_be_empty err &&
	test ! -e none.db &&
	test "$(circle config get group)" = nosuch &&
	circle config set group thursday
'

test_expect_success 'the hooks directory: absolute, or ~/ under HOME' '
	rm -f "$CFG" &&
	circle session add --group thursday 2026-01-08 19:00 >/dev/null &&
	circle roster add --group thursday "Casey Diaz" >/dev/null &&
	circle roster add --group thursday "Dana Evans" >/dev/null &&
	cat >safe.yaml <<-\EOF &&
	key: safe
	title: Safe
	questions:
	  - key: safe
	    kind: yes/no
	    prompt: Safe?
	flags:
	  - on: safe
	    is: no
	    reason: Not feeling safe
	EOF
	circle checkin survey add safe.yaml >/dev/null &&
	mkdir -p mine/hooks &&
	printf "#!/bin/sh\ncat >>\"%s/ran\"\n" "$TRASH" >mine/hooks/followup &&
	chmod 700 mine/hooks/followup &&
	circle config set hooks "$TRASH/mine/hooks" &&
	circle checkin take --group thursday --survey safe 2026-01-08 casey-d \
	    safe=no >/dev/null 2>err &&
	test_grep "\"casey-d\"" ran &&
	rm ran &&
	circle config set hooks "~/mine/hooks" &&
	circle checkin take --group thursday --survey safe 2026-01-08 dana-e \
	    safe=no >/dev/null 2>err &&
	test_grep "\"dana-e\"" ran &&
	circle config unset hooks
'

test_done
