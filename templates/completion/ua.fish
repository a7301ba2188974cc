# Completion of ua's commands, options and UA ids, for fish. Written by `ua completion fish`.
#
# To use it in this shell:   ua completion fish | source
# In every new shell:        ua completion fish > ~/.config/fish/completions/ua.fish
# The commands and options are ua's when the script was written: write it again after an
# upgrade. The UA ids are asked of ua each time, so they are the ones it sees then.

# What ua takes where: `__ua_words KIND PATH [OPTION]` prints a list of words, one a line.
#   commands PATH         the commands under PATH ("" is ua itself, "feed" has its own)
#   options PATH          PATH's options; valued PATH: those of them that take a value
#   choices PATH OPTION   the values OPTION takes, when it has a fixed list
#   argument PATH         what PATH's first argument is: @id for a UA id, else its words
function __ua_words --argument-names kind at option
    switch "$kind|$at|$option"
        @TABLE@
    end
end

# Whether the option $argv[2] takes a value, under the command path $argv[1] or as a global option.
function __ua_valued --argument-names at option
    contains -- $option (__ua_words valued "$at") (__ua_words valued '')
end

function __ua_complete
    set -l words (commandline -opc)
    set -l cur (commandline -ct)
    set -l at ''
    set -l positional 0
    set -l dirs

    # 1. The words before the cursor: the command (and subcommand) typed, how many arguments it
    # has, and the --actions-dir to pass on when asking ua for its UA ids.
    set -l i 2
    while test $i -le (count $words)
        set -l word $words[$i]
        if string match -q -- '-*' $word
            if string match -q -- '--actions-dir=*' $word
                set -a dirs $word
            else if __ua_valued "$at" $word
                set i (math $i + 1)
                if test "$word" = --actions-dir; and test $i -le (count $words)
                    set -a dirs --actions-dir $words[$i]
                end
            end
        else if test $positional -eq 0; and contains -- $word (__ua_words commands "$at")
            set at (string trim -- "$at $word")
        else
            set positional (math $positional + 1)
        end
        set i (math $i + 1)
    end

    # 2. An option's value: its choices, else a file.
    set -l option $words[-1]
    if test (count $words) -gt 1; and string match -q -- '-*' $option; and __ua_valued "$at" $option
        set -l choices (__ua_words choices "$at" $option)
        if set -q choices[1]
            printf '%s\n' $choices
        else
            __fish_complete_path $cur
        end
        return
    end

    # 3. An option; else a command; else the first argument: a UA id, or one of its words; else a file.
    if string match -q -- '-*' $cur
        __ua_words options "$at"
        if test -n "$at"
            __ua_words options ''
        end
        return
    end
    if test $positional -eq 0
        set -l next (__ua_words commands "$at")
        if not set -q next[1]
            set next (__ua_words argument "$at")
        end
        if test "$next" = '@id'
            command ua $dirs completion --ids 2>/dev/null
            return
        else if set -q next[1]
            printf '%s\n' $next
            return
        end
    end
    __fish_complete_path $cur
end

complete -c ua -f -a '(__ua_complete)'
