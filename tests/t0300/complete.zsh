# complete.zsh LINE: what completions/_circle offers at the end of LINE, one
# word a line: the completion system's words, CURRENT and PREFIX set as zsh
# sets them, and compadd and _files replaced by functions that write down
# what they were given.
fpath=("$CIRCLE_SRC/completions" $fpath)
autoload -Uz _circle
compadd() {
	while (( $# )) && [[ $1 != -- ]]; do
		case $1 in
		-d|-J|-X|-V) shift 2 ;;
		*) shift ;;
		esac
	done
	shift
	print -rl -- "$@"
}
_files() {
	print -r -- '(files)'
}
words=(${(z)1})
[[ $1 == *' ' ]] && words+=('')
CURRENT=$#words
PREFIX=$words[CURRENT]
_circle
