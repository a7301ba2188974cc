#compdef ua
# Completion of ua's commands, options and UA ids, for zsh. Written by `ua completion zsh`.
#
# To use it in this shell (after compinit):   source <(ua completion zsh)
# In every new shell: add that line to ~/.zshrc after compinit, or save it as _ua in a folder
# of $fpath:  ua completion zsh > ~/.zfunc/_ua  with  fpath+=(~/.zfunc)  before compinit.
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

# Not `path`, a name for the command path: in zsh, $path is $PATH.
_ua() {
  local cur=${words[CURRENT]} at='' word option REPLY
  local -a dirs ids
  integer i positional=0

  # 1. The words before the cursor: the command (and subcommand) typed, how many arguments it
  # has, and the --actions-dir to pass on when asking ua for its UA ids.
  for ((i = 2; i < CURRENT; i++)); do
    word=${words[i]}
    if [[ $word == -* ]]; then
      [[ $word == --actions-dir=* ]] && dirs+=("$word")
      _ua_valued "$at" "$word" || continue
      ((i++))
      [[ $word == --actions-dir ]] && ((i < CURRENT)) && dirs+=(--actions-dir "${words[i]/#\~/$HOME}")
    elif ((positional == 0)) && _ua_words commands "$at" && _ua_in "$word" "$REPLY"; then
      at=${at:+$at }$word
    else
      ((positional++))
    fi
  done

  # 2. An option's value: its choices, else a file.
  option=${words[CURRENT - 1]}
  if ((CURRENT > 2)) && [[ $option == -* ]] && _ua_valued "$at" "$option"; then
    _ua_words choices "$at" "$option"
    if [[ -n $REPLY ]]; then compadd -- ${=REPLY}; else _files; fi
    return
  fi

  # 3. An option; else a command; else the first argument: a UA id, or one of its words; else a file.
  if [[ $cur == -* ]]; then
    _ua_words options "$at"
    option=$REPLY
    [[ -n $at ]] && _ua_words options '' && option="$option $REPLY"
    compadd -- ${(u)=option}
    return
  fi
  if ((positional == 0)); then
    _ua_words commands "$at"
    [[ -z $REPLY ]] && _ua_words argument "$at"
    if [[ $REPLY == @id ]]; then
      ids=(${(f)"$(command ua "${dirs[@]}" completion --ids 2>/dev/null)"})
      compadd -- $ids
      return
    elif [[ -n $REPLY ]]; then
      compadd -- ${=REPLY}
      return
    fi
  fi
  _files
}

# Loaded from $fpath, this file is the body of _ua: it defines the functions, then completes.
# Sourced, it registers _ua.
if [[ ${funcstack[1]} == _ua ]]; then
  _ua "$@"
else
  compdef _ua ua
fi
