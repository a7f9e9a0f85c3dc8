#!/bin/sh
test_description='circle checkin round on a terminal: who is asked, line editing, nothing private on the screen'
. "$(dirname "$0")/test-lib.sh"

test_lazy_prereq PTY '/usr/bin/python3 -c "import pty, termios"'

# on_tty SCRIPT COMMAND...: COMMAND run on a terminal (an xterm of 80 by
# 24) as SCRIPT types (tests/pty-script.py); all it showed is in screen.
on_tty() {
	TERM=xterm /usr/bin/python3 "$CIRCLE_SRC/tests/pty-script.py" "$@" >screen
}

# answers WHO MOOD SAFE NOTE: the lines of a pty-script.py script that wait for
# WHO's turn ("Blair Chen (blair-c)") and type their three answers.
answers() {
	printf '%s\n' "expect $1" "expect Mood? [0-10]:" "type $2\\r" \
	    "expect Safe? [yes/no]:" "type $3\\r" \
	    "expect Note? [words; Enter to skip]:" "type $4\\r"
}

# turn WHO KEYS: wait for WHO's first question, then type KEYS.
turn() {
	printf '%s\n' "expect $1" "expect Mood? [0-10]:" "type $2"
}

# answers_of HANDLE: their stored answers at the session, key=value.
answers_of() {
	circle checkin list --group tc --member "$1" 2026-01-20 | cut -f9
}

REASON='Said they do not feel safe today'

test_expect_success 'setup: a group, a session, four present, a survey with a flag' '
	circle init >/dev/null &&
	circle group add --handle tc --tz UTC "Tuesday Circle" >/dev/null &&
	circle session add --group tc 2026-01-20 19:00 >/dev/null &&
	for n in "Alex Rivera" "Blair Chen" "Casey Diaz" "Dana Evans"; do
		h=$(circle roster add "$n") &&
		circle roster join --on 2025-12-01 "$h" tc || return 1
	done &&
	cat >ci.yaml <<-EOF &&
	key: ci
	title: Check-in
	questions:
	  - key: mood
	    kind: scale
	    prompt: Mood?
	    min: 0
	    max: 10
	  - key: safe
	    kind: yes/no
	    prompt: Safe?
	  - key: note
	    kind: text
	    prompt: Note?
	    required: no
	flags:
	  - on: safe
	    is: no
	    reason: $REASON
	EOF
	circle checkin survey add ci.yaml >/dev/null &&
	circle attend mark --group tc 2026-01-20 alex-r blair-c casey-d \
	    dana-e >/dev/null &&
	circle checkin take --group tc 2026-01-20 alex-r mood=5 safe=yes \
	    >/dev/null
'

test_expect_success PTY 'a round skips who answered already; a follow-up is only "noted", its reason never on the screen' '
	{
		answers "Blair Chen (blair-c)" 7 no "" &&
		answers "Casey Diaz (casey-d)" 3 yes "" &&
		turn "Dana Evans (dana-e)" "skip\r"
	} >typed &&
	on_tty typed circle checkin round --group tc 2026-01-20 &&
	test_grep "1 of those present answered already and is not asked (--again asks them too)" screen &&
	! grep "Alex Rivera" screen &&
	test_grep "ci saved for blair-c" screen &&
	test_grep "^noted for the facilitator" screen &&
	! grep -i "safe today\|follow-up 1\|opened" screen &&
	test_grep "round: 2 saved, 1 skipped, 1 answered already" screen &&
	test_grep "1 follow-up noted for the facilitator: see circle checkin followups" screen &&
	test "$(answers_of alex-r)" = "mood=5 safe=yes" &&
	test "$(answers_of blair-c)" = "mood=7 safe=no" &&
	circle checkin followups >out &&
	test_grep "blair-c	Blair Chen	tc	2026-01-20T19:00	$REASON (safe: no)	open" out
'

test_expect_success PTY '--again asks those who answered too, and replaces their answers' '
	cat >typed <<-\EOF &&
	expect Alex Rivera (alex-r)
	expect Mood? [0-10]:
	type 6\r
	expect Safe? [yes/no]:
	type yes\r
	expect Note? [words; Enter to skip]:
	type \x04
	EOF
	test_expect_code 1 on_tty typed circle checkin round --again \
	    --group tc 2026-01-20 &&
	! grep "answered already" screen &&
	test_grep "round: 0 saved, 0 skipped, 4 left" screen &&
	test "$(answers_of alex-r)" = "mood=5 safe=yes" &&
	{
		answers "Alex Rivera (alex-r)" 6 yes "" &&
		turn "Blair Chen (blair-c)" "\x04"
	} >typed &&
	on_tty typed circle checkin round --again --group tc 2026-01-20 &&
	test_grep "ci replaced for alex-r" screen &&
	test_grep "round: 1 saved, 0 skipped, 3 left" screen &&
	test "$(answers_of alex-r)" = "mood=6 safe=yes"
'

test_expect_success PTY 'the line is edited as in a shell: arrows, ^A, ^E, ^W' '
	circle attend mark --group tc 2026-01-20 --absent alex-r blair-c \
	    dana-e >/dev/null &&
	answers "Casey Diaz (casey-d)" "8\x1b[D1\x1b[C\x1b[C\x08" yes \
	    "bad words\x17good orld\x01hello \x05!\x1b[D\x1b[D\x1b[D\x1b[D\x1b[Dw" \
	    >typed &&
	on_tty typed circle checkin round --again --group tc 2026-01-20 &&
	! grep "\^\[\[D" screen &&
	test_grep "ci replaced for casey-d" screen &&
	test "$(answers_of casey-d)" = "mood=1 safe=yes note=hello bad good world!"
'

test_expect_success PTY 'nothing one person typed comes back for the next: no history, no kill buffer' '
	circle attend mark --group tc 2026-01-20 alex-r blair-c >/dev/null &&
	{
		answers "Alex Rivera (alex-r)" 4 yes "my private words\x15kept" &&
		answers "Blair Chen (blair-c)" 5 yes "\x1b[A\x1b[A\x19" &&
		turn "Casey Diaz (casey-d)" "\x04"
	} >typed &&
	on_tty typed circle checkin round --again --group tc 2026-01-20 &&
	test "$(answers_of alex-r)" = "mood=4 safe=yes note=kept" &&
	test "$(answers_of blair-c)" = "mood=5 safe=yes" &&
	find "$HOME" -newer typed -type f ! -name screen ! -name written \
	    ! -path "$HOME/data/*" ! -path "$HOME/.valgrind/*" >written &&
	test_must_be_empty written
'

# The sequence that clears an xterm, its scrollback too.
CLEAR=$(printf '\033[H\033[2J\033[3J')

test_expect_success PTY '--private clears the screen after each person' '
	circle attend mark --group tc 2026-01-20 --absent alex-r blair-c \
	    >/dev/null &&
	circle attend mark --group tc 2026-01-20 dana-e >/dev/null &&
	{
		answers "Casey Diaz (casey-d)" 2 no "worried" &&
		turn "Dana Evans (dana-e)" "skip\r"
	} >typed &&
	on_tty typed circle checkin round --private --again --group tc \
	    2026-01-20 &&
	/usr/bin/python3 - "$CLEAR" <<-\EOF
	import sys
	s = open("screen", "rb").read().decode()
	clear = sys.argv[1]
	parts = s.split(clear)
	# a clear before the first person, and after each: casey-d, dana-e
	assert len(parts) == 4, parts
	assert parts[0] == "", parts
	assert parts[1].startswith("Check-in round at tc"), parts
	assert "worried" in parts[1] and "casey-d" in parts[1], parts
	assert "Dana Evans" in parts[2] and "worried" not in parts[2], parts
	assert "Casey" not in parts[2] and "saved" not in parts[2], parts
	assert parts[3].lstrip("\r\n").startswith("round: 1 saved, 1 skipped"), parts
	EOF
'

test_expect_success PTY 'without --private, nothing is cleared' '
	turn "Casey Diaz (casey-d)" "\x04" >typed &&
	test_expect_code 1 on_tty typed circle checkin round --again \
	    --group tc 2026-01-20 &&
	test_grep "round: 0 saved" screen &&
	! grep -F "$CLEAR" screen
'

test_expect_success PTY 'private = true in the config clears; --no-private does not' '
	circle config set private true &&
	turn "Casey Diaz (casey-d)" "\x04" >typed &&
	test_expect_code 1 on_tty typed circle checkin round --again \
	    --group tc 2026-01-20 &&
	test "$(grep -F -c "$CLEAR" screen)" = 2 &&
	test_expect_code 1 on_tty typed circle checkin round --again \
	    --no-private --group tc 2026-01-20 &&
	! grep -F "$CLEAR" screen &&
	test_expect_code 2 circle checkin round --private --no-private \
	    --group tc 2026-01-20 </dev/null 2>err &&
	test_grep "round: --private or --no-private, not both" err &&
	circle config set private false &&
	test_expect_code 1 on_tty typed circle checkin round --again \
	    --group tc 2026-01-20 &&
	! grep -F "$CLEAR" screen &&
	circle config unset private
'

test_expect_success PTY 'what the followup hook prints waits for the end of the round' '
	mkdir -p "$XDG_CONFIG_HOME/circle/hooks" &&
	cat >"$XDG_CONFIG_HOME/circle/hooks/followup" <<-\EOF &&
	#!/bin/sh
	echo "hook: $(sed -n "s/.*\"reason\":\"\([^\"]*\)\".*/\1/p")"
	EOF
	chmod 700 "$XDG_CONFIG_HOME/circle/hooks/followup" &&
	{
		answers "Casey Diaz (casey-d)" 2 no "still" &&
		answers "Dana Evans (dana-e)" 2 no ""
	} >typed &&
	on_tty typed circle checkin round --again --group tc 2026-01-20 &&
	rm "$XDG_CONFIG_HOME/circle/hooks/followup" &&
	sed -n "/^round: /,\$p" screen >after &&
	test_grep "^hook: $REASON" after &&
	test "$(grep -c "$REASON" screen)" = "$(grep -c "$REASON" after)"
'

test_expect_success PTY 'take --ask on a terminal edits the line too' '
	cat >typed <<-\EOF &&
	expect Mood? [0-10]:
	type 9\x1b[D1\x1b[C\x08\r
	expect Safe? [yes/no]:
	type yes\r
	expect Note? [words; Enter to skip]:
	type \r
	EOF
	on_tty typed circle checkin take --group tc 2026-01-20 alex-r &&
	test_grep "ci replaced for alex-r" screen &&
	test "$(answers_of alex-r)" = "mood=1 safe=yes"
'

# Not on a terminal: the same reading as before, a line each.

test_expect_success 'from a pipe: those who answered are skipped too' '
	circle session add --group tc 2026-01-27 19:00 >/dev/null &&
	circle attend mark --group tc 2026-01-27 alex-r blair-c casey-d \
	    dana-e >/dev/null &&
	circle checkin take --group tc 2026-01-27 alex-r mood=5 safe=yes \
	    >/dev/null &&
	circle checkin take --group tc 2026-01-27 casey-d mood=5 safe=yes \
	    >/dev/null &&
	printf "4\nyes\n\n6\nno\n\n" |
	circle checkin round --group tc 2026-01-27 >out 2>err &&
	test_grep "^2 of those present answered already and are not asked" err &&
	test_grep "^Blair Chen (blair-c)\$" err &&
	test_grep "^Dana Evans (dana-e)\$" err &&
	! grep "Alex Rivera\|Casey Diaz" err &&
	test_grep "^round: 2 saved, 0 skipped, 2 answered already\$" err &&
	test_grep "^1 follow-up noted for the facilitator: see circle checkin followups\$" err &&
	! grep -i "safe today" err out &&
	printf "%s\n" "ci saved for blair-c" "ci saved for dana-e" \
	    "noted for the facilitator" >expect &&
	test_cmp expect out
'

test_expect_success 'everyone answered already: a warning, exit 1, nothing asked' '
	circle db dump >before &&
	test_expect_code 1 circle checkin round --group tc 2026-01-27 \
	    </dev/null >out 2>err &&
	test_grep "everyone marked present at tc 2026-01-27T19:00 has answered ci already; --again asks them again" err &&
	! grep "Mood?" err &&
	test_must_be_empty out &&
	circle db dump >after &&
	test_cmp before after
'

test_done
