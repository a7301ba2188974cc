# Completion of ua's commands, options and UA ids, for bash. Written by `ua completion bash`.
#
# To use it in this shell:   source <(ua completion bash)
# In every new shell: add that line to ~/.bashrc, or let bash-completion load it when needed:
#   ua completion bash > ~/.local/share/bash-completion/completions/ua
# The commands and options are ua's when the script was written: write it again after an
# upgrade. The UA ids are asked of ua each time, so they are the ones it sees then.

# What ua takes where: `_ua_words KIND PATH [OPTION]` sets REPLY to a list of words.
#   commands PATH         the commands under PATH ("" is ua itself, "feed" has its own)
#   options PATH          PATH's options; valued PATH: those of them that take a value
#   choices PATH OPTION   the values OPTION takes, when it has a fixed list
#   argument PATH         what PATH's first argument is: @id for a UA id, else its words
_ua_words() {
  REPLY=
  case "$1|$2|$3" in
    @TABLE@
  esac
}

# Whether the word $1 is one of the words of the list $2.
_ua_in() {
  [[ " $2 " == *" $1 "* ]]
}

# Whether the option $2 takes a value, under the command path $1 or as a global option.
_ua_valued() {
  local own
  _ua_words valued "$1"
  own=$REPLY
  _ua_words valued ''
  _ua_in "$2" "$own $REPLY"
}

# Offers the words that begin with what is typed, each once. Not `compgen -W`, which would
# expand them.
_ua_offer() {
  local word
  for word in "$@"; do
    [[ $word == "$cur"* ]] && ! _ua_in "$word" "${COMPREPLY[*]}" && COMPREPLY+=("$word")
  done
}

_ua() {
  local cur=${COMP_WORDS[COMP_CWORD]} at='' word option REPLY i positional=0
  local -a dirs=()
  COMPREPLY=()

  # 1. The words before the cursor: the command (and subcommand) typed, how many arguments it
  # has, and the --actions-dir to pass on when asking ua for its UA ids. Bash splits
  # "--opt=value" into three words, "=" the middle one.
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    if [[ $word == -* ]]; then
      [[ $word == --actions-dir=* ]] && dirs+=("$word")
      _ua_valued "$at" "$word" || continue
      [[ ${COMP_WORDS[i + 1]} == = ]] && ((i++))
      ((i++))
      [[ $word == --actions-dir && $i -lt $COMP_CWORD ]] && dirs+=(--actions-dir "${COMP_WORDS[i]/#\~/$HOME}")
    elif ((positional == 0)) && _ua_words commands "$at" && _ua_in "$word" "$REPLY"; then
      at=${at:+$at }$word
    else
      ((positional++))
    fi
  done

  # 2. An option's value: its choices; else nothing, and bash completes file names.
  option=${COMP_WORDS[COMP_CWORD - 1]}
  [[ $option == = ]] && option=${COMP_WORDS[COMP_CWORD - 2]}
  if ((COMP_CWORD > 1)) && [[ $option == -* ]] && _ua_valued "$at" "$option"; then
    _ua_words choices "$at" "$option"
    _ua_offer $REPLY
    return 0
  fi

  # 3. An option; else a command; else the first argument: a UA id, or one of its words.
  if [[ $cur == -* ]]; then
    _ua_words options "$at"
    option=$REPLY
    [[ -n $at ]] && _ua_words options '' && option="$option $REPLY"
    _ua_offer $option
  elif ((positional == 0)); then
    _ua_words commands "$at"
    [[ -z $REPLY ]] && _ua_words argument "$at"
    if [[ $REPLY == @id ]]; then
      while IFS= read -r word; do
        _ua_offer "$word"
      done < <(command ua "${dirs[@]}" completion --ids 2>/dev/null)
    else
      _ua_offer $REPLY
    fi
  fi
  return 0
}

complete -o default -F _ua ua
