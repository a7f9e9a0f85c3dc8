#!/bin/sh
test_description='make install: the examples, the completions, and circle help finding its own pages'
. "$(dirname "$0")/test-lib.sh"

STAGE=$TRASH/stage

test_lazy_prereq MAN 'command -v man'
test_lazy_prereq BASH 'command -v bash'

# The installed file whose path ends in $1, one only.
installed() {
	find "$STAGE" -path "*$1" >found &&
	test "$(wc -l <found)" = 1 &&
	cat found
}

test_expect_success 'make install DESTDIR= installs into the stage only' '
	(
		unset MAKEFLAGS MFLAGS MAKELEVEL &&
		make -s -C "$CIRCLE_BUILD" install DESTDIR="$STAGE"
	) >install.log 2>&1 &&
	installed /bin/circle >circle.path &&
	installed /bin/circle-roster
'

test_expect_success 'the examples are under the doc directory, all of them' '
	dir=$(installed /doc/circle/examples/demo.sh) &&
	dir=${dir%/demo.sh} &&
	(cd "$EXAMPLES" && find . -type f | sort) >expect &&
	(cd "$dir" && find . -type f | sort) >got &&
	test_cmp expect got &&
	for f in $(cat expect); do
		cmp "$EXAMPLES/$f" "$dir/$f" || exit 1
	done
'

test_expect_success 'the installed demo runs from the installed examples' '
	bin=$(dirname "$(cat circle.path)") &&
	dir=$(installed /doc/circle/examples/demo.sh) &&
	docdir=${dir%/examples/demo.sh} &&
	sh "$dir" "$bin" "$docdir" "$TRASH/demo" >demo.out 2>demo.err &&
	test_grep "circle init" demo.out &&
	test -s "$TRASH/demo/circle.db"
'

test_expect_success 'bash completion is installed by the command'"'"'s name' '
	f=$(installed /bash-completion/completions/circle) &&
	cmp "$CIRCLE_SRC/completions/circle.bash" "$f"
'

test_expect_success BASH 'the installed bash completion completes circle' '
	f=$(installed /bash-completion/completions/circle) &&
	bash -c ". \"$f\" && complete -p circle" >out &&
	test_grep "_circle circle" out
'

test_expect_success 'zsh completion is in site-functions, a #compdef file' '
	f=$(installed /zsh/site-functions/_circle) &&
	cmp "$CIRCLE_SRC/completions/_circle" "$f" &&
	head -n 1 "$f" >first &&
	echo "#compdef circle" >expect &&
	test_cmp expect first
'

# man's own path holds no circle page here: what is shown is the one the
# installed circle found under its own prefix.
test_expect_success MAN 'circle help TOOL opens the installed page' '
	mkdir -p empty-man &&
	MANPATH=$TRASH/empty-man MANPAGER=cat PAGER=cat MANWIDTH=80 \
	    PATH=/usr/bin:/bin "$(cat circle.path)" help roster >out 2>err &&
	test_grep "circle-roster" out &&
	test_grep "SYNOPSIS" out &&
	MANPATH=$TRASH/empty-man MANPAGER=cat PAGER=cat MANWIDTH=80 \
	    PATH=/usr/bin:/bin "$(cat circle.path)" help overview >out 2>err &&
	test_grep "CIRCLE(7)" out
'

test_expect_success 'make uninstall takes every file away' '
	(
		unset MAKEFLAGS MFLAGS MAKELEVEL &&
		make -s -C "$CIRCLE_BUILD" uninstall DESTDIR="$STAGE"
	) >uninstall.log 2>&1 &&
	find "$STAGE" -type f >left &&
	test_must_be_empty left
'

test_done
