# complete.bash [--bash-completion] LINE: what completions/circle.bash
# offers at the end of LINE, one word a line, the way bash calls it:
# COMP_LINE and COMP_POINT, and COMP_WORDS split at blanks and at = and :
# (bash's COMP_WORDBREAKS).  With --bash-completion, the bash-completion
# package is loaded first (its _get_comp_words_by_ref and _filedir).
if [ "$1" = --bash-completion ]; then
	shift
	. /usr/share/bash-completion/bash_completion || exit 1
fi
. "$CIRCLE_SRC/completions/circle.bash" || exit 1
COMP_LINE=$1
COMP_POINT=${#COMP_LINE}
COMP_WORDS=()
read -r -a blank <<<"$COMP_LINE"
for w in "${blank[@]}"; do
	while [[ $w =~ ^([^=:]*)([=:]+)(.*)$ ]]; do
		[[ -n ${BASH_REMATCH[1]} ]] && COMP_WORDS+=("${BASH_REMATCH[1]}")
		COMP_WORDS+=("${BASH_REMATCH[2]}")
		w=${BASH_REMATCH[3]}
	done
	[[ -n $w ]] && COMP_WORDS+=("$w")
done
case $COMP_LINE in
*' ') COMP_WORDS+=("") ;;
esac
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
complete -p circle >/dev/null || exit 1
_circle circle "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
for w in "${COMPREPLY[@]}"; do
	printf '%s\n' "$w"
done
