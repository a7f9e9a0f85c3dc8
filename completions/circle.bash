# bash completion for circle(1).  Every word comes from "circle __complete",
# which reads the tools' own verb tables and, for values (groups, handles,
# sessions, surveys), the database read-only: this file never changes when
# a verb or an option does.  Installed as bash-completion's "circle".

# COMP_WORDS as the command line had them: bash splits "--name=value" and
# "2026-12-02T19:00" at = and :, circle's words do not.
_circle_words()
{
	local i w join=
	words=()
	cword=0
	for ((i = 0; i < ${#COMP_WORDS[@]}; i++)); do
		w=${COMP_WORDS[i]}
		if ((i > 0)) && { [[ -n $join ]] ||
		    [[ -n $w && -z ${w//[=:]/} ]]; }; then
			words[${#words[@]} - 1]+=$w
		else
			words+=("$w")
		fi
		join=
		[[ -n $w && -z ${w//[=:]/} ]] && join=1
		((i == COMP_CWORD)) && cword=$((${#words[@]} - 1))
	done
	cur=${words[cword]}
}

_circle()
{
	local cur words cword seg pre line files=
	if declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
		_get_comp_words_by_ref -n =: cur words cword
	else
		_circle_words
	fi
	# What bash replaces is only the part after its last word break.
	seg=${COMP_WORDS[COMP_CWORD]}
	[[ -n $seg && -z ${seg//[=:]/} ]] && seg=
	pre=${cur%"$seg"}
	COMPREPLY=()
	while IFS= read -r line; do
		case $line in
		:file) files=1 ;;
		*)
			line=${line%%$'\t'*}
			[[ $line == "$pre"* ]] && COMPREPLY+=("${line#"$pre"}")
			;;
		esac
	done < <("${words[0]}" __complete "${words[@]:1:cword-1}" "$cur" \
	    2>/dev/null)
	if [[ -n $files ]]; then
		cur=$seg
		if declare -F _filedir >/dev/null 2>&1; then
			_filedir
		else
			compopt -o filenames 2>/dev/null
			while IFS= read -r line; do
				COMPREPLY+=("$line")
			done < <(compgen -f -- "$cur")
		fi
	fi
	return 0
}
complete -F _circle circle
