#!/bin/sh
test_description='manual pages: clean mandoc lint, SYNOPSIS matches --help'
. "$(dirname "$0")/test-lib.sh"

MAN="$CIRCLE_SRC/man"
BS=$(printf '\b')

# The usage lines of "circle-TOOL --help", one per verb, whitespace squeezed.
help_usage() {
	"circle-$1" --help >help.raw &&
	sed -n "s/^  \(circle $1 .*\)/\1/p" help.raw |
	    tr -s ' \t' '  ' | sed 's/ *$//'
}

# The SYNOPSIS of man/circle-TOOL.1 as rendered, one entry per "circle TOOL"
# line, wrapped lines joined and whitespace squeezed.
man_synopsis() {
	"$MANDOC" -T ascii "$MAN/circle-$1.1" >man.raw &&
	sed "s/.$BS//g" man.raw |
	    sed -n '/^SYNOPSIS/,/^[A-Z]/p' | sed '1d;$d' |
	    awk -v lead="circle $1 " '
		{ sub(/^[ \t]+/, ""); sub(/[ \t]+$/, "") }
		$0 == "" { next }
		index($0, lead) == 1 { if (cur != "") print cur; cur = $0; next }
		{ cur = cur " " $0 }
		END { if (cur != "") print cur }' |
	    tr -s ' \t' '  '
}

if [ -z "$MANDOC" ]; then
	test_skip 'man pages pass mandoc -T lint' 'no mandoc'
	test_skip 'SYNOPSIS of each tool matches its --help' 'no mandoc'
	test_done
fi

test_expect_success 'there are man pages, none of them empty' '
	ls "$MAN"/*.[157] >pages &&
	test_grep "circle-db.1" pages &&
	test_grep "circle-group.1" pages &&
	test_grep "circle-group.5" pages &&
	test_grep "circle-roster.1" pages &&
	test_grep "circle-session.1" pages &&
	test_grep "circle-checkin.1" pages &&
	test_grep "circle-survey.5" pages &&
	test_grep "circle.7" pages &&
	for p in $(cat pages); do
		test -s "$p" || { echo "$p is empty" >&2; exit 1; }
	done
'

for page in "$MAN"/*.[157]; do
	name=$(basename "$page")
	test_expect_success "$name passes mandoc -T lint -W warning" '
		"$MANDOC" -T lint -W warning "$page" >lint 2>&1 &&
		test_must_be_empty lint
	'
done

# Every tool with a program of its own and a page: circle-TOOL.c and .1.
tools=
for src in "$CIRCLE_SRC"/cmd/circle-*.c; do
	tool=$(basename "$src" .c)
	tool=${tool#circle-}
	test -f "$MAN/circle-$tool.1" && tools="$tools $tool"
done

test_expect_success 'each tool has a manual page' '
	for src in "$CIRCLE_SRC"/cmd/circle-*.c; do
		tool=$(basename "$src" .c)
		test -f "$MAN/$tool.1" || { echo "no man/$tool.1" >&2; exit 1; }
	done
'

for tool in $tools; do
	test_expect_success "circle-$tool.1 SYNOPSIS has each verb of --help" '
		help_usage $tool >usage &&
		test -s usage &&
		man_synopsis $tool >synopsis &&
		fail=0 &&
		while IFS= read -r line; do
			if ! grep -Fqx -e "$line" synopsis; then
				echo "not in the SYNOPSIS: $line" >&2
				fail=1
			fi
		done <usage &&
		test $fail = 0
	'

	test_expect_success "circle-$tool.1 SYNOPSIS has no verb --help lacks" '
		help_usage $tool | sort >usage &&
		man_synopsis $tool | sort >synopsis &&
		test_cmp usage synopsis
	'
done

test_done
