# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_pa_global_optspecs
    string join \n h/help V/version
end

function __fish_pa_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_pa_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_pa_using_subcommand
    set -l cmd (__fish_pa_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c pa -n "__fish_pa_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pa -n "__fish_pa_needs_command" -s V -l version -d 'Print version'
complete -c pa -n "__fish_pa_needs_command" -f -a "top" -d 'Show the functions that use the most of a profile (like go tool pprof -top)'
complete -c pa -n "__fish_pa_needs_command" -f -a "diff" -d 'Show what changed between a base profile and a newer one'
complete -c pa -n "__fish_pa_needs_command" -f -a "goroutines" -d 'Group the goroutines of a dump or goroutine profile by stack'
complete -c pa -n "__fish_pa_needs_command" -f -a "info" -d 'Show what a profile is: format, sample types, time, sizes, MemStats'
complete -c pa -n "__fish_pa_needs_command" -f -a "fetch" -d 'Fetch a profile from a URL and save it (validated, written atomically)'
complete -c pa -n "__fish_pa_needs_command" -f -a "list" -d 'List the profiles a /debug/pprof/ index offers, with counts and commands'
complete -c pa -n "__fish_pa_needs_command" -f -a "flame" -d 'Draw a flame graph: an SVG file (default), folded stacks (--folded) or a terminal tree (--text)'
complete -c pa -n "__fish_pa_needs_command" -f -a "pprof" -d 'go tool pprof\'s own flags and text reports (-top, -traces, -tree, -peek, -tags, -raw)'
complete -c pa -n "__fish_pa_needs_command" -f -a "watch" -d 'Poll heap MemStats, goroutines (and a process\'s RSS) over time'
complete -c pa -n "__fish_pa_needs_command" -f -a "collect" -d 'Save profiles on a schedule into a directory, keeping the newest N'
complete -c pa -n "__fish_pa_needs_command" -f -a "completions" -d 'Print shell completions for SHELL (bash, zsh, fish, elvish, powershell)'
complete -c pa -n "__fish_pa_needs_command" -f -a "man" -d 'Print the man page (roff)'
complete -c pa -n "__fish_pa_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pa -n "__fish_pa_using_subcommand top" -s n -l nodecount -d 'How many rows to show (0 = all above --nodefraction)' -r
complete -c pa -n "__fish_pa_using_subcommand top" -l nodefraction -d 'Hide rows whose cum is below this fraction of the total' -r
complete -c pa -n "__fish_pa_using_subcommand top" -l base -d 'Subtract this profile (repeatable; merged): stacks in both cancel out' -r
complete -c pa -n "__fish_pa_using_subcommand top" -l diff-base -d 'Compare with this profile (repeatable); percentages of the base total' -r
complete -c pa -n "__fish_pa_using_subcommand top" -l format -d 'Output: pprof (default off a terminal), table (default on one), json, csv' -r -f -a "pprof\t''
table\t''
json\t''
csv\t''"
complete -c pa -n "__fish_pa_using_subcommand top" -s i -l sample-index -d 'Sample type to show, by name or number (e.g. alloc_space, 0)' -r
complete -c pa -n "__fish_pa_using_subcommand top" -l focus -d 'Only samples with a frame matching REGEX (function, file or binary name)' -r
complete -c pa -n "__fish_pa_using_subcommand top" -l ignore -d 'Drop samples with a frame matching REGEX' -r
complete -c pa -n "__fish_pa_using_subcommand top" -l hide -d 'Remove frames matching REGEX from the stacks (their time goes to the caller)' -r
complete -c pa -n "__fish_pa_using_subcommand top" -l show -d 'Keep only frames matching REGEX' -r
complete -c pa -n "__fish_pa_using_subcommand top" -l show-from -d 'Cut each stack above the root-most frame matching REGEX' -r
complete -c pa -n "__fish_pa_using_subcommand top" -l prune-from -d 'Cut each stack below the frame matching REGEX (its callees merge into it)' -r
complete -c pa -n "__fish_pa_using_subcommand top" -l tagfocus -d 'Only samples whose labels match ([key=]regex,... or a numeric range like 1mb:)' -r
complete -c pa -n "__fish_pa_using_subcommand top" -l tagignore -d 'Drop samples whose labels match ([key=]regex,... or a numeric range)' -r
complete -c pa -n "__fish_pa_using_subcommand top" -l tagshow -d 'Keep only label keys matching REGEX' -r
complete -c pa -n "__fish_pa_using_subcommand top" -l taghide -d 'Remove label keys matching REGEX' -r
complete -c pa -n "__fish_pa_using_subcommand top" -s g -l granularity -d 'What one row is: functions, filefunctions, files, lines or addresses' -r -f -a "functions\t''
filefunctions\t''
files\t''
lines\t''
addresses\t''"
complete -c pa -n "__fish_pa_using_subcommand top" -l unit -d 'Unit for values: minimum (default), auto, or one like ms, s, kb, mb' -r
complete -c pa -n "__fish_pa_using_subcommand top" -l divide-by -d 'Divide every value by F before printing (percentages unchanged)' -r
complete -c pa -n "__fish_pa_using_subcommand top" -l trim-path -d 'Strip these path prefixes (colon-separated) from file names' -r
complete -c pa -n "__fish_pa_using_subcommand top" -l seconds -d 'For a URL: collect a timed profile (CPU, trace, delta heap/allocs) for N seconds; sets seconds=N on the URL, as pprof does' -r
complete -c pa -n "__fish_pa_using_subcommand top" -l timeout -d 'For a URL: give up after this long (30, 90s, 2m); default 1.5x --seconds, else 60s, plus 5s' -r
complete -c pa -n "__fish_pa_using_subcommand top" -s H -l header -d 'For a URL: extra request header, "Name: value" (repeatable)' -r
complete -c pa -n "__fish_pa_using_subcommand top" -l max-bytes -d 'Refuse a profile larger than this, downloaded or inflated (512M, 2G)' -r
complete -c pa -n "__fish_pa_using_subcommand top" -l cum -d 'Sort by cumulative value instead of flat'
complete -c pa -n "__fish_pa_using_subcommand top" -l normalize -d 'Scale the profile to the base\'s total before subtracting'
complete -c pa -n "__fish_pa_using_subcommand top" -l mean -d 'Show mean values per sample (divides by the first value, e.g. delay/contentions)'
complete -c pa -n "__fish_pa_using_subcommand top" -l noinlines -d 'Charge inlined functions to their caller'
complete -c pa -n "__fish_pa_using_subcommand top" -l relative-percentages -d 'Percentages relative to what the filters keep, not the whole profile'
complete -c pa -n "__fish_pa_using_subcommand top" -l all-frames -d 'Ignore the profile\'s drop_frames/keep_frames'
complete -c pa -n "__fish_pa_using_subcommand top" -s h -l help -d 'Print help'
complete -c pa -n "__fish_pa_using_subcommand top" -s V -l version -d 'Print version'
complete -c pa -n "__fish_pa_using_subcommand diff" -l base -d 'The base profile (repeatable; merged)' -r
complete -c pa -n "__fish_pa_using_subcommand diff" -s n -l nodecount -d 'How many rows to show (0 = all)' -r
complete -c pa -n "__fish_pa_using_subcommand diff" -l format -d 'Output: table (default), pprof (go tool pprof -top -diff_base), json, csv' -r -f -a "table\t''
pprof\t''
json\t''
csv\t''"
complete -c pa -n "__fish_pa_using_subcommand diff" -s i -l sample-index -d 'Sample type to show, by name or number (e.g. alloc_space, 0)' -r
complete -c pa -n "__fish_pa_using_subcommand diff" -l focus -d 'Only samples with a frame matching REGEX (function, file or binary name)' -r
complete -c pa -n "__fish_pa_using_subcommand diff" -l ignore -d 'Drop samples with a frame matching REGEX' -r
complete -c pa -n "__fish_pa_using_subcommand diff" -l hide -d 'Remove frames matching REGEX from the stacks (their time goes to the caller)' -r
complete -c pa -n "__fish_pa_using_subcommand diff" -l show -d 'Keep only frames matching REGEX' -r
complete -c pa -n "__fish_pa_using_subcommand diff" -l show-from -d 'Cut each stack above the root-most frame matching REGEX' -r
complete -c pa -n "__fish_pa_using_subcommand diff" -l prune-from -d 'Cut each stack below the frame matching REGEX (its callees merge into it)' -r
complete -c pa -n "__fish_pa_using_subcommand diff" -l tagfocus -d 'Only samples whose labels match ([key=]regex,... or a numeric range like 1mb:)' -r
complete -c pa -n "__fish_pa_using_subcommand diff" -l tagignore -d 'Drop samples whose labels match ([key=]regex,... or a numeric range)' -r
complete -c pa -n "__fish_pa_using_subcommand diff" -l tagshow -d 'Keep only label keys matching REGEX' -r
complete -c pa -n "__fish_pa_using_subcommand diff" -l taghide -d 'Remove label keys matching REGEX' -r
complete -c pa -n "__fish_pa_using_subcommand diff" -s g -l granularity -d 'What one row is: functions, filefunctions, files, lines or addresses' -r -f -a "functions\t''
filefunctions\t''
files\t''
lines\t''
addresses\t''"
complete -c pa -n "__fish_pa_using_subcommand diff" -l unit -d 'Unit for values: minimum (default), auto, or one like ms, s, kb, mb' -r
complete -c pa -n "__fish_pa_using_subcommand diff" -l divide-by -d 'Divide every value by F before printing (percentages unchanged)' -r
complete -c pa -n "__fish_pa_using_subcommand diff" -l trim-path -d 'Strip these path prefixes (colon-separated) from file names' -r
complete -c pa -n "__fish_pa_using_subcommand diff" -l seconds -d 'For a URL: collect a timed profile (CPU, trace, delta heap/allocs) for N seconds; sets seconds=N on the URL, as pprof does' -r
complete -c pa -n "__fish_pa_using_subcommand diff" -l timeout -d 'For a URL: give up after this long (30, 90s, 2m); default 1.5x --seconds, else 60s, plus 5s' -r
complete -c pa -n "__fish_pa_using_subcommand diff" -s H -l header -d 'For a URL: extra request header, "Name: value" (repeatable)' -r
complete -c pa -n "__fish_pa_using_subcommand diff" -l max-bytes -d 'Refuse a profile larger than this, downloaded or inflated (512M, 2G)' -r
complete -c pa -n "__fish_pa_using_subcommand diff" -l cum -d 'Sort by the change in cumulative value instead of flat'
complete -c pa -n "__fish_pa_using_subcommand diff" -l normalize -d 'Scale the new profile to the base\'s total first (compare shapes, not volumes)'
complete -c pa -n "__fish_pa_using_subcommand diff" -l mean -d 'Show mean values per sample (divides by the first value, e.g. delay/contentions)'
complete -c pa -n "__fish_pa_using_subcommand diff" -l noinlines -d 'Charge inlined functions to their caller'
complete -c pa -n "__fish_pa_using_subcommand diff" -l relative-percentages -d 'Percentages relative to what the filters keep, not the whole profile'
complete -c pa -n "__fish_pa_using_subcommand diff" -l all-frames -d 'Ignore the profile\'s drop_frames/keep_frames'
complete -c pa -n "__fish_pa_using_subcommand diff" -s h -l help -d 'Print help'
complete -c pa -n "__fish_pa_using_subcommand diff" -s V -l version -d 'Print version'
complete -c pa -n "__fish_pa_using_subcommand goroutines" -s g -l group-by -d 'Group by: stack, leaf, user (first non-stdlib frame), start (outermost frame), state, creator, label:KEY' -r
complete -c pa -n "__fish_pa_using_subcommand goroutines" -l match -d 'Frame comparison for stack grouping: line or func' -r
complete -c pa -n "__fish_pa_using_subcommand goroutines" -l depth -d 'Group on the innermost N frames only' -r
complete -c pa -n "__fish_pa_using_subcommand goroutines" -s m -l match-frame -d 'Keep goroutines with a frame (function or file:line) matching RE' -r
complete -c pa -n "__fish_pa_using_subcommand goroutines" -s x -l exclude -d 'Drop goroutines with a frame matching RE' -r
complete -c pa -n "__fish_pa_using_subcommand goroutines" -l state -d 'Keep goroutines whose state (exact or inferred) matches RE, anchored' -r
complete -c pa -n "__fish_pa_using_subcommand goroutines" -l label -d 'Keep goroutines with label KEY, KEY=VALUE or KEY=~RE (repeatable; all must hold)' -r
complete -c pa -n "__fish_pa_using_subcommand goroutines" -l creator -d 'Keep goroutines whose creator (function or file:line) matches RE (debug=2)' -r
complete -c pa -n "__fish_pa_using_subcommand goroutines" -l min-wait -d 'Keep goroutines waiting at least this long, e.g. 10m, 1h (debug=2; minute granularity)' -r
complete -c pa -n "__fish_pa_using_subcommand goroutines" -l min-count -d 'Hide groups of fewer than N goroutines' -r
complete -c pa -n "__fish_pa_using_subcommand goroutines" -s s -l sort -d 'Order: count, wait or name' -r
complete -c pa -n "__fish_pa_using_subcommand goroutines" -l top -d 'Show only the first N groups' -r
complete -c pa -n "__fish_pa_using_subcommand goroutines" -s n -l frames -d 'Frame lines per group after collapsing' -r
complete -c pa -n "__fish_pa_using_subcommand goroutines" -l color -d 'When to colour: auto, always, never (auto: a terminal and no NO_COLOR)' -r
complete -c pa -n "__fish_pa_using_subcommand goroutines" -l width -d 'Output width (default: $COLUMNS, the terminal\'s, else 100)' -r
complete -c pa -n "__fish_pa_using_subcommand goroutines" -l labels-from -d 'Merge the labels of this debug=0/1 profile into a text dump' -r
complete -c pa -n "__fish_pa_using_subcommand goroutines" -l seconds -d 'For a URL: collect a timed profile (CPU, trace, delta heap/allocs) for N seconds; sets seconds=N on the URL, as pprof does' -r
complete -c pa -n "__fish_pa_using_subcommand goroutines" -l timeout -d 'For a URL: give up after this long (30, 90s, 2m); default 1.5x --seconds, else 60s, plus 5s' -r
complete -c pa -n "__fish_pa_using_subcommand goroutines" -s H -l header -d 'For a URL: extra request header, "Name: value" (repeatable)' -r
complete -c pa -n "__fish_pa_using_subcommand goroutines" -l max-bytes -d 'Refuse a profile larger than this, downloaded or inflated (512M, 2G)' -r
complete -c pa -n "__fish_pa_using_subcommand goroutines" -l hide-std -d 'Hide groups whose frames are all stdlib or runtime'
complete -c pa -n "__fish_pa_using_subcommand goroutines" -l full -d 'Every frame, uncollapsed, with full paths'
complete -c pa -n "__fish_pa_using_subcommand goroutines" -l oneline -d 'One line per group: count, state, wait, first user frame'
complete -c pa -n "__fish_pa_using_subcommand goroutines" -l ids -d 'List goroutine ids (debug=2)'
complete -c pa -n "__fish_pa_using_subcommand goroutines" -l parents -d 'Show creators\' goroutine ids, `in goroutine N` (Go >= 1.21 dumps)'
complete -c pa -n "__fish_pa_using_subcommand goroutines" -l json -d 'JSON (schema in the README)'
complete -c pa -n "__fish_pa_using_subcommand goroutines" -l raw -d 'One representative debug=2 block per group, as a smaller dump'
complete -c pa -n "__fish_pa_using_subcommand goroutines" -s h -l help -d 'Print help'
complete -c pa -n "__fish_pa_using_subcommand goroutines" -s V -l version -d 'Print version'
complete -c pa -n "__fish_pa_using_subcommand info" -l format -d 'Output: text (default) or json' -r -f -a "text\t''
json\t''"
complete -c pa -n "__fish_pa_using_subcommand info" -l seconds -d 'For a URL: collect a timed profile (CPU, trace, delta heap/allocs) for N seconds; sets seconds=N on the URL, as pprof does' -r
complete -c pa -n "__fish_pa_using_subcommand info" -l timeout -d 'For a URL: give up after this long (30, 90s, 2m); default 1.5x --seconds, else 60s, plus 5s' -r
complete -c pa -n "__fish_pa_using_subcommand info" -s H -l header -d 'For a URL: extra request header, "Name: value" (repeatable)' -r
complete -c pa -n "__fish_pa_using_subcommand info" -l max-bytes -d 'Refuse a profile larger than this, downloaded or inflated (512M, 2G)' -r
complete -c pa -n "__fish_pa_using_subcommand info" -l dump -d 'Print the parsed profile in pprof\'s Profile.String() layout instead'
complete -c pa -n "__fish_pa_using_subcommand info" -l no-text-symbols -d 'Read text profiles as go tool pprof does (ignore their # symbol lines)'
complete -c pa -n "__fish_pa_using_subcommand info" -s h -l help -d 'Print help'
complete -c pa -n "__fish_pa_using_subcommand info" -s V -l version -d 'Print version'
complete -c pa -n "__fish_pa_using_subcommand fetch" -s o -l output -d 'Where to write it (- for stdout); default NAME.NNN.pb.gz in the current directory, NAME being the profile\'s (cpu, heap, ...)' -r -F
complete -c pa -n "__fish_pa_using_subcommand fetch" -l seconds -d 'For a URL: collect a timed profile (CPU, trace, delta heap/allocs) for N seconds; sets seconds=N on the URL, as pprof does' -r
complete -c pa -n "__fish_pa_using_subcommand fetch" -l timeout -d 'For a URL: give up after this long (30, 90s, 2m); default 1.5x --seconds, else 60s, plus 5s' -r
complete -c pa -n "__fish_pa_using_subcommand fetch" -s H -l header -d 'For a URL: extra request header, "Name: value" (repeatable)' -r
complete -c pa -n "__fish_pa_using_subcommand fetch" -l max-bytes -d 'Refuse a profile larger than this, downloaded or inflated (512M, 2G)' -r
complete -c pa -n "__fish_pa_using_subcommand fetch" -l raw -d 'Save the bytes as they came, without checking that they are a profile'
complete -c pa -n "__fish_pa_using_subcommand fetch" -s h -l help -d 'Print help'
complete -c pa -n "__fish_pa_using_subcommand fetch" -s V -l version -d 'Print version'
complete -c pa -n "__fish_pa_using_subcommand list" -l seconds -d 'For a URL: collect a timed profile (CPU, trace, delta heap/allocs) for N seconds; sets seconds=N on the URL, as pprof does' -r
complete -c pa -n "__fish_pa_using_subcommand list" -l timeout -d 'For a URL: give up after this long (30, 90s, 2m); default 1.5x --seconds, else 60s, plus 5s' -r
complete -c pa -n "__fish_pa_using_subcommand list" -s H -l header -d 'For a URL: extra request header, "Name: value" (repeatable)' -r
complete -c pa -n "__fish_pa_using_subcommand list" -l max-bytes -d 'Refuse a profile larger than this, downloaded or inflated (512M, 2G)' -r
complete -c pa -n "__fish_pa_using_subcommand list" -s h -l help -d 'Print help'
complete -c pa -n "__fish_pa_using_subcommand list" -s V -l version -d 'Print version'
complete -c pa -n "__fish_pa_using_subcommand flame" -l base -d 'Base profile (repeatable; merged): draw a differential flame graph' -r
complete -c pa -n "__fish_pa_using_subcommand flame" -l diff-base -d 'Like --base, with percentages of the base\'s total (pprof\'s -diff_base)' -r
complete -c pa -n "__fish_pa_using_subcommand flame" -l width -d 'SVG width in pixels (default 1200); with --text, columns (default: the terminal\'s)' -r
complete -c pa -n "__fish_pa_using_subcommand flame" -l min-width -d 'Merge away frames narrower than this many pixels (keeps huge profiles small)' -r
complete -c pa -n "__fish_pa_using_subcommand flame" -l title -d 'SVG title (default: type, source and time of the profile)' -r
complete -c pa -n "__fish_pa_using_subcommand flame" -l colors -d 'Frame colours: package (stable hue per Go package) or an inferno palette' -r -f -a "package\t''
hot\t''
mem\t''
io\t''
red\t''
green\t''
blue\t''
aqua\t''
yellow\t''
purple\t''
orange\t''"
complete -c pa -n "__fish_pa_using_subcommand flame" -l min-percent -d 'With --text: hide nodes below this percentage of the total' -r
complete -c pa -n "__fish_pa_using_subcommand flame" -s o -l output -d 'Write to FILE (atomically) instead of stdout' -r
complete -c pa -n "__fish_pa_using_subcommand flame" -s i -l sample-index -d 'Sample type to show, by name or number (e.g. alloc_space, 0)' -r
complete -c pa -n "__fish_pa_using_subcommand flame" -l focus -d 'Only samples with a frame matching REGEX (function, file or binary name)' -r
complete -c pa -n "__fish_pa_using_subcommand flame" -l ignore -d 'Drop samples with a frame matching REGEX' -r
complete -c pa -n "__fish_pa_using_subcommand flame" -l hide -d 'Remove frames matching REGEX from the stacks (their time goes to the caller)' -r
complete -c pa -n "__fish_pa_using_subcommand flame" -l show -d 'Keep only frames matching REGEX' -r
complete -c pa -n "__fish_pa_using_subcommand flame" -l show-from -d 'Cut each stack above the root-most frame matching REGEX' -r
complete -c pa -n "__fish_pa_using_subcommand flame" -l prune-from -d 'Cut each stack below the frame matching REGEX (its callees merge into it)' -r
complete -c pa -n "__fish_pa_using_subcommand flame" -l tagfocus -d 'Only samples whose labels match ([key=]regex,... or a numeric range like 1mb:)' -r
complete -c pa -n "__fish_pa_using_subcommand flame" -l tagignore -d 'Drop samples whose labels match ([key=]regex,... or a numeric range)' -r
complete -c pa -n "__fish_pa_using_subcommand flame" -l tagshow -d 'Keep only label keys matching REGEX' -r
complete -c pa -n "__fish_pa_using_subcommand flame" -l taghide -d 'Remove label keys matching REGEX' -r
complete -c pa -n "__fish_pa_using_subcommand flame" -s g -l granularity -d 'What one row is: functions, filefunctions, files, lines or addresses' -r -f -a "functions\t''
filefunctions\t''
files\t''
lines\t''
addresses\t''"
complete -c pa -n "__fish_pa_using_subcommand flame" -l unit -d 'Unit for values: minimum (default), auto, or one like ms, s, kb, mb' -r
complete -c pa -n "__fish_pa_using_subcommand flame" -l divide-by -d 'Divide every value by F before printing (percentages unchanged)' -r
complete -c pa -n "__fish_pa_using_subcommand flame" -l trim-path -d 'Strip these path prefixes (colon-separated) from file names' -r
complete -c pa -n "__fish_pa_using_subcommand flame" -l seconds -d 'For a URL: collect a timed profile (CPU, trace, delta heap/allocs) for N seconds; sets seconds=N on the URL, as pprof does' -r
complete -c pa -n "__fish_pa_using_subcommand flame" -l timeout -d 'For a URL: give up after this long (30, 90s, 2m); default 1.5x --seconds, else 60s, plus 5s' -r
complete -c pa -n "__fish_pa_using_subcommand flame" -s H -l header -d 'For a URL: extra request header, "Name: value" (repeatable)' -r
complete -c pa -n "__fish_pa_using_subcommand flame" -l max-bytes -d 'Refuse a profile larger than this, downloaded or inflated (512M, 2G)' -r
complete -c pa -n "__fish_pa_using_subcommand flame" -l normalize -d 'Scale the profile to the base\'s total before comparing'
complete -c pa -n "__fish_pa_using_subcommand flame" -l folded -d 'Print folded stacks (frame;frame;... value, root first) instead of an SVG'
complete -c pa -n "__fish_pa_using_subcommand flame" -l text -d 'Print the call tree in the terminal instead of an SVG'
complete -c pa -n "__fish_pa_using_subcommand flame" -l icicle -d 'Root at the top, callees below (like pprof\'s web view)'
complete -c pa -n "__fish_pa_using_subcommand flame" -l reverse -d 'Merge stacks by their leaf: leaves at the root, callers above them'
complete -c pa -n "__fish_pa_using_subcommand flame" -l mean -d 'Show mean values per sample (divides by the first value, e.g. delay/contentions)'
complete -c pa -n "__fish_pa_using_subcommand flame" -l noinlines -d 'Charge inlined functions to their caller'
complete -c pa -n "__fish_pa_using_subcommand flame" -l relative-percentages -d 'Percentages relative to what the filters keep, not the whole profile'
complete -c pa -n "__fish_pa_using_subcommand flame" -l all-frames -d 'Ignore the profile\'s drop_frames/keep_frames'
complete -c pa -n "__fish_pa_using_subcommand flame" -s h -l help -d 'Print help'
complete -c pa -n "__fish_pa_using_subcommand flame" -s V -l version -d 'Print version'
complete -c pa -n "__fish_pa_using_subcommand pprof" -s V -l version -d 'Print version'
complete -c pa -n "__fish_pa_using_subcommand watch" -l format -d 'Output; default: table on a terminal, csv otherwise' -r -f -a "table\t'A live table redrawn in place (the default on a terminal)'
csv\t'A header, then one row per poll (the default otherwise)'
json\t'One JSON object per poll, one per line'"
complete -c pa -n "__fish_pa_using_subcommand watch" -l top -d 'Also follow the N functions whose in-use bytes grew most since the first poll' -r
complete -c pa -n "__fish_pa_using_subcommand watch" -l pid -d 'Add RSS and VMS of this process, read from /proc/PID/status (it must be visible: same host or a shared PID namespace)' -r
complete -c pa -n "__fish_pa_using_subcommand watch" -s H -l header -d 'For a URL: extra request header, "Name: value" (repeatable)' -r
complete -c pa -n "__fish_pa_using_subcommand watch" -l max-bytes -d 'Refuse a profile larger than this, downloaded or inflated (512M, 2G)' -r
complete -c pa -n "__fish_pa_using_subcommand watch" -l seconds -d 'For a URL: collect a timed profile (CPU, trace, delta heap/allocs) for N seconds; sets seconds=N on the URL, as pprof does' -r
complete -c pa -n "__fish_pa_using_subcommand watch" -l timeout -d 'Give up on a poll\'s fetch after this long (5s, 1m); default: --every (at least 1s, at most 60s) plus 5s' -r
complete -c pa -n "__fish_pa_using_subcommand watch" -l every -d 'Time between polls, on a fixed schedule (500ms, 10s, 1m; at least 100ms)' -r
complete -c pa -n "__fish_pa_using_subcommand watch" -l for -d 'Stop after this long (10m, 1h); no poll starts after it' -r
complete -c pa -n "__fish_pa_using_subcommand watch" -l count -d 'Stop after N polls' -r
complete -c pa -n "__fish_pa_using_subcommand watch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pa -n "__fish_pa_using_subcommand watch" -s V -l version -d 'Print version'
complete -c pa -n "__fish_pa_using_subcommand collect" -l dir -d 'Where to save the profiles (created if missing)' -r -F
complete -c pa -n "__fish_pa_using_subcommand collect" -l count -d 'Stop after N ticks' -r
complete -c pa -n "__fish_pa_using_subcommand collect" -l profiles -d 'Profiles saved each tick, comma-separated: heap, goroutine, allocs, mutex, block, threadcreate (none: only --cpu)' -r
complete -c pa -n "__fish_pa_using_subcommand collect" -l cpu -d 'Also a CPU profile this long each tick (whole seconds, shorter than --every)' -r
complete -c pa -n "__fish_pa_using_subcommand collect" -l keep -d 'Keep only the newest N files of each profile (older ones pa named are deleted)' -r
complete -c pa -n "__fish_pa_using_subcommand collect" -l names -d 'File names: a sequence number or a UTC time' -r -f -a "seq\t'heap-0001.pb.gz, heap-0002.pb.gz, ... (after the highest number in DIR)'
time\t'heap-20261122T001400Z.pb.gz (UTC, to the second)'"
complete -c pa -n "__fish_pa_using_subcommand collect" -s H -l header -d 'For a URL: extra request header, "Name: value" (repeatable)' -r
complete -c pa -n "__fish_pa_using_subcommand collect" -l max-bytes -d 'Refuse a profile larger than this, downloaded or inflated (512M, 2G)' -r
complete -c pa -n "__fish_pa_using_subcommand collect" -l seconds -d 'For a URL: collect a timed profile (CPU, trace, delta heap/allocs) for N seconds; sets seconds=N on the URL, as pprof does' -r
complete -c pa -n "__fish_pa_using_subcommand collect" -l timeout -d 'Give up on a fetch after this long (30s, 2m); default: --every (at most 60s), for --cpu 1.5x its length, plus 5s' -r
complete -c pa -n "__fish_pa_using_subcommand collect" -l every -d 'Time between ticks, on a fixed schedule (30s, 1m, 5m; at least 1s)' -r
complete -c pa -n "__fish_pa_using_subcommand collect" -l for -d 'Stop after this long (1h, 24h); no tick starts after it' -r
complete -c pa -n "__fish_pa_using_subcommand collect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c pa -n "__fish_pa_using_subcommand collect" -s V -l version -d 'Print version'
complete -c pa -n "__fish_pa_using_subcommand completions" -s h -l help -d 'Print help'
complete -c pa -n "__fish_pa_using_subcommand completions" -s V -l version -d 'Print version'
complete -c pa -n "__fish_pa_using_subcommand man" -s h -l help -d 'Print help'
complete -c pa -n "__fish_pa_using_subcommand man" -s V -l version -d 'Print version'
complete -c pa -n "__fish_pa_using_subcommand help; and not __fish_seen_subcommand_from top diff goroutines info fetch list flame pprof watch collect completions man help" -f -a "top" -d 'Show the functions that use the most of a profile (like go tool pprof -top)'
complete -c pa -n "__fish_pa_using_subcommand help; and not __fish_seen_subcommand_from top diff goroutines info fetch list flame pprof watch collect completions man help" -f -a "diff" -d 'Show what changed between a base profile and a newer one'
complete -c pa -n "__fish_pa_using_subcommand help; and not __fish_seen_subcommand_from top diff goroutines info fetch list flame pprof watch collect completions man help" -f -a "goroutines" -d 'Group the goroutines of a dump or goroutine profile by stack'
complete -c pa -n "__fish_pa_using_subcommand help; and not __fish_seen_subcommand_from top diff goroutines info fetch list flame pprof watch collect completions man help" -f -a "info" -d 'Show what a profile is: format, sample types, time, sizes, MemStats'
complete -c pa -n "__fish_pa_using_subcommand help; and not __fish_seen_subcommand_from top diff goroutines info fetch list flame pprof watch collect completions man help" -f -a "fetch" -d 'Fetch a profile from a URL and save it (validated, written atomically)'
complete -c pa -n "__fish_pa_using_subcommand help; and not __fish_seen_subcommand_from top diff goroutines info fetch list flame pprof watch collect completions man help" -f -a "list" -d 'List the profiles a /debug/pprof/ index offers, with counts and commands'
complete -c pa -n "__fish_pa_using_subcommand help; and not __fish_seen_subcommand_from top diff goroutines info fetch list flame pprof watch collect completions man help" -f -a "flame" -d 'Draw a flame graph: an SVG file (default), folded stacks (--folded) or a terminal tree (--text)'
complete -c pa -n "__fish_pa_using_subcommand help; and not __fish_seen_subcommand_from top diff goroutines info fetch list flame pprof watch collect completions man help" -f -a "pprof" -d 'go tool pprof\'s own flags and text reports (-top, -traces, -tree, -peek, -tags, -raw)'
complete -c pa -n "__fish_pa_using_subcommand help; and not __fish_seen_subcommand_from top diff goroutines info fetch list flame pprof watch collect completions man help" -f -a "watch" -d 'Poll heap MemStats, goroutines (and a process\'s RSS) over time'
complete -c pa -n "__fish_pa_using_subcommand help; and not __fish_seen_subcommand_from top diff goroutines info fetch list flame pprof watch collect completions man help" -f -a "collect" -d 'Save profiles on a schedule into a directory, keeping the newest N'
complete -c pa -n "__fish_pa_using_subcommand help; and not __fish_seen_subcommand_from top diff goroutines info fetch list flame pprof watch collect completions man help" -f -a "completions" -d 'Print shell completions for SHELL (bash, zsh, fish, elvish, powershell)'
complete -c pa -n "__fish_pa_using_subcommand help; and not __fish_seen_subcommand_from top diff goroutines info fetch list flame pprof watch collect completions man help" -f -a "man" -d 'Print the man page (roff)'
complete -c pa -n "__fish_pa_using_subcommand help; and not __fish_seen_subcommand_from top diff goroutines info fetch list flame pprof watch collect completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
