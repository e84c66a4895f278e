
use builtin;
use str;

set edit:completion:arg-completer[pa] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'pa'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'pa'= {
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand top 'Show the functions that use the most of a profile (like go tool pprof -top)'
            cand diff 'Show what changed between a base profile and a newer one'
            cand goroutines 'Group the goroutines of a dump or goroutine profile by stack'
            cand info 'Show what a profile is: format, sample types, time, sizes, MemStats'
            cand fetch 'Fetch a profile from a URL and save it (validated, written atomically)'
            cand list 'List the profiles a /debug/pprof/ index offers, with counts and commands'
            cand flame 'Draw a flame graph: an SVG file (default), folded stacks (--folded) or a terminal tree (--text)'
            cand pprof 'go tool pprof''s own flags and text reports (-top, -traces, -tree, -peek, -tags, -raw)'
            cand watch 'Poll heap MemStats, goroutines (and a process''s RSS) over time'
            cand collect 'Save profiles on a schedule into a directory, keeping the newest N'
            cand completions 'Print shell completions for SHELL (bash, zsh, fish, elvish, powershell)'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pa;top'= {
            cand -n 'How many rows to show (0 = all above --nodefraction)'
            cand --nodecount 'How many rows to show (0 = all above --nodefraction)'
            cand --nodefraction 'Hide rows whose cum is below this fraction of the total'
            cand --base 'Subtract this profile (repeatable; merged): stacks in both cancel out'
            cand --diff-base 'Compare with this profile (repeatable); percentages of the base total'
            cand --format 'Output: pprof (default off a terminal), table (default on one), json, csv'
            cand -i 'Sample type to show, by name or number (e.g. alloc_space, 0)'
            cand --sample-index 'Sample type to show, by name or number (e.g. alloc_space, 0)'
            cand --focus 'Only samples with a frame matching REGEX (function, file or binary name)'
            cand --ignore 'Drop samples with a frame matching REGEX'
            cand --hide 'Remove frames matching REGEX from the stacks (their time goes to the caller)'
            cand --show 'Keep only frames matching REGEX'
            cand --show-from 'Cut each stack above the root-most frame matching REGEX'
            cand --prune-from 'Cut each stack below the frame matching REGEX (its callees merge into it)'
            cand --tagfocus 'Only samples whose labels match ([key=]regex,... or a numeric range like 1mb:)'
            cand --tagignore 'Drop samples whose labels match ([key=]regex,... or a numeric range)'
            cand --tagshow 'Keep only label keys matching REGEX'
            cand --taghide 'Remove label keys matching REGEX'
            cand -g 'What one row is: functions, filefunctions, files, lines or addresses'
            cand --granularity 'What one row is: functions, filefunctions, files, lines or addresses'
            cand --unit 'Unit for values: minimum (default), auto, or one like ms, s, kb, mb'
            cand --divide-by 'Divide every value by F before printing (percentages unchanged)'
            cand --trim-path 'Strip these path prefixes (colon-separated) from file names'
            cand --seconds 'For a URL: collect a timed profile (CPU, trace, delta heap/allocs) for N seconds; sets seconds=N on the URL, as pprof does'
            cand --timeout 'For a URL: give up after this long (30, 90s, 2m); default 1.5x --seconds, else 60s, plus 5s'
            cand -H 'For a URL: extra request header, "Name: value" (repeatable)'
            cand --header 'For a URL: extra request header, "Name: value" (repeatable)'
            cand --max-bytes 'Refuse a profile larger than this, downloaded or inflated (512M, 2G)'
            cand --cum 'Sort by cumulative value instead of flat'
            cand --normalize 'Scale the profile to the base''s total before subtracting'
            cand --mean 'Show mean values per sample (divides by the first value, e.g. delay/contentions)'
            cand --noinlines 'Charge inlined functions to their caller'
            cand --relative-percentages 'Percentages relative to what the filters keep, not the whole profile'
            cand --all-frames 'Ignore the profile''s drop_frames/keep_frames'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pa;diff'= {
            cand --base 'The base profile (repeatable; merged)'
            cand -n 'How many rows to show (0 = all)'
            cand --nodecount 'How many rows to show (0 = all)'
            cand --format 'Output: table (default), pprof (go tool pprof -top -diff_base), json, csv'
            cand -i 'Sample type to show, by name or number (e.g. alloc_space, 0)'
            cand --sample-index 'Sample type to show, by name or number (e.g. alloc_space, 0)'
            cand --focus 'Only samples with a frame matching REGEX (function, file or binary name)'
            cand --ignore 'Drop samples with a frame matching REGEX'
            cand --hide 'Remove frames matching REGEX from the stacks (their time goes to the caller)'
            cand --show 'Keep only frames matching REGEX'
            cand --show-from 'Cut each stack above the root-most frame matching REGEX'
            cand --prune-from 'Cut each stack below the frame matching REGEX (its callees merge into it)'
            cand --tagfocus 'Only samples whose labels match ([key=]regex,... or a numeric range like 1mb:)'
            cand --tagignore 'Drop samples whose labels match ([key=]regex,... or a numeric range)'
            cand --tagshow 'Keep only label keys matching REGEX'
            cand --taghide 'Remove label keys matching REGEX'
            cand -g 'What one row is: functions, filefunctions, files, lines or addresses'
            cand --granularity 'What one row is: functions, filefunctions, files, lines or addresses'
            cand --unit 'Unit for values: minimum (default), auto, or one like ms, s, kb, mb'
            cand --divide-by 'Divide every value by F before printing (percentages unchanged)'
            cand --trim-path 'Strip these path prefixes (colon-separated) from file names'
            cand --seconds 'For a URL: collect a timed profile (CPU, trace, delta heap/allocs) for N seconds; sets seconds=N on the URL, as pprof does'
            cand --timeout 'For a URL: give up after this long (30, 90s, 2m); default 1.5x --seconds, else 60s, plus 5s'
            cand -H 'For a URL: extra request header, "Name: value" (repeatable)'
            cand --header 'For a URL: extra request header, "Name: value" (repeatable)'
            cand --max-bytes 'Refuse a profile larger than this, downloaded or inflated (512M, 2G)'
            cand --cum 'Sort by the change in cumulative value instead of flat'
            cand --normalize 'Scale the new profile to the base''s total first (compare shapes, not volumes)'
            cand --mean 'Show mean values per sample (divides by the first value, e.g. delay/contentions)'
            cand --noinlines 'Charge inlined functions to their caller'
            cand --relative-percentages 'Percentages relative to what the filters keep, not the whole profile'
            cand --all-frames 'Ignore the profile''s drop_frames/keep_frames'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pa;goroutines'= {
            cand -g 'Group by: stack, leaf, user (first non-stdlib frame), start (outermost frame), state, creator, label:KEY'
            cand --group-by 'Group by: stack, leaf, user (first non-stdlib frame), start (outermost frame), state, creator, label:KEY'
            cand --match 'Frame comparison for stack grouping: line or func'
            cand --depth 'Group on the innermost N frames only'
            cand -m 'Keep goroutines with a frame (function or file:line) matching RE'
            cand --match-frame 'Keep goroutines with a frame (function or file:line) matching RE'
            cand -x 'Drop goroutines with a frame matching RE'
            cand --exclude 'Drop goroutines with a frame matching RE'
            cand --state 'Keep goroutines whose state (exact or inferred) matches RE, anchored'
            cand --label 'Keep goroutines with label KEY, KEY=VALUE or KEY=~RE (repeatable; all must hold)'
            cand --creator 'Keep goroutines whose creator (function or file:line) matches RE (debug=2)'
            cand --min-wait 'Keep goroutines waiting at least this long, e.g. 10m, 1h (debug=2; minute granularity)'
            cand --min-count 'Hide groups of fewer than N goroutines'
            cand -s 'Order: count, wait or name'
            cand --sort 'Order: count, wait or name'
            cand --top 'Show only the first N groups'
            cand -n 'Frame lines per group after collapsing'
            cand --frames 'Frame lines per group after collapsing'
            cand --color 'When to colour: auto, always, never (auto: a terminal and no NO_COLOR)'
            cand --width 'Output width (default: $COLUMNS, the terminal''s, else 100)'
            cand --labels-from 'Merge the labels of this debug=0/1 profile into a text dump'
            cand --seconds 'For a URL: collect a timed profile (CPU, trace, delta heap/allocs) for N seconds; sets seconds=N on the URL, as pprof does'
            cand --timeout 'For a URL: give up after this long (30, 90s, 2m); default 1.5x --seconds, else 60s, plus 5s'
            cand -H 'For a URL: extra request header, "Name: value" (repeatable)'
            cand --header 'For a URL: extra request header, "Name: value" (repeatable)'
            cand --max-bytes 'Refuse a profile larger than this, downloaded or inflated (512M, 2G)'
            cand --hide-std 'Hide groups whose frames are all stdlib or runtime'
            cand --full 'Every frame, uncollapsed, with full paths'
            cand --oneline 'One line per group: count, state, wait, first user frame'
            cand --ids 'List goroutine ids (debug=2)'
            cand --parents 'Show creators'' goroutine ids, `in goroutine N` (Go >= 1.21 dumps)'
            cand --json 'JSON (schema in the README)'
            cand --raw 'One representative debug=2 block per group, as a smaller dump'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pa;info'= {
            cand --format 'Output: text (default) or json'
            cand --seconds 'For a URL: collect a timed profile (CPU, trace, delta heap/allocs) for N seconds; sets seconds=N on the URL, as pprof does'
            cand --timeout 'For a URL: give up after this long (30, 90s, 2m); default 1.5x --seconds, else 60s, plus 5s'
            cand -H 'For a URL: extra request header, "Name: value" (repeatable)'
            cand --header 'For a URL: extra request header, "Name: value" (repeatable)'
            cand --max-bytes 'Refuse a profile larger than this, downloaded or inflated (512M, 2G)'
            cand --dump 'Print the parsed profile in pprof''s Profile.String() layout instead'
            cand --no-text-symbols 'Read text profiles as go tool pprof does (ignore their # symbol lines)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pa;fetch'= {
            cand -o 'Where to write it (- for stdout); default NAME.NNN.pb.gz in the current directory, NAME being the profile''s (cpu, heap, ...)'
            cand --output 'Where to write it (- for stdout); default NAME.NNN.pb.gz in the current directory, NAME being the profile''s (cpu, heap, ...)'
            cand --seconds 'For a URL: collect a timed profile (CPU, trace, delta heap/allocs) for N seconds; sets seconds=N on the URL, as pprof does'
            cand --timeout 'For a URL: give up after this long (30, 90s, 2m); default 1.5x --seconds, else 60s, plus 5s'
            cand -H 'For a URL: extra request header, "Name: value" (repeatable)'
            cand --header 'For a URL: extra request header, "Name: value" (repeatable)'
            cand --max-bytes 'Refuse a profile larger than this, downloaded or inflated (512M, 2G)'
            cand --raw 'Save the bytes as they came, without checking that they are a profile'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pa;list'= {
            cand --seconds 'For a URL: collect a timed profile (CPU, trace, delta heap/allocs) for N seconds; sets seconds=N on the URL, as pprof does'
            cand --timeout 'For a URL: give up after this long (30, 90s, 2m); default 1.5x --seconds, else 60s, plus 5s'
            cand -H 'For a URL: extra request header, "Name: value" (repeatable)'
            cand --header 'For a URL: extra request header, "Name: value" (repeatable)'
            cand --max-bytes 'Refuse a profile larger than this, downloaded or inflated (512M, 2G)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pa;flame'= {
            cand --base 'Base profile (repeatable; merged): draw a differential flame graph'
            cand --diff-base 'Like --base, with percentages of the base''s total (pprof''s -diff_base)'
            cand --width 'SVG width in pixels (default 1200); with --text, columns (default: the terminal''s)'
            cand --min-width 'Merge away frames narrower than this many pixels (keeps huge profiles small)'
            cand --title 'SVG title (default: type, source and time of the profile)'
            cand --colors 'Frame colours: package (stable hue per Go package) or an inferno palette'
            cand --min-percent 'With --text: hide nodes below this percentage of the total'
            cand -o 'Write to FILE (atomically) instead of stdout'
            cand --output 'Write to FILE (atomically) instead of stdout'
            cand -i 'Sample type to show, by name or number (e.g. alloc_space, 0)'
            cand --sample-index 'Sample type to show, by name or number (e.g. alloc_space, 0)'
            cand --focus 'Only samples with a frame matching REGEX (function, file or binary name)'
            cand --ignore 'Drop samples with a frame matching REGEX'
            cand --hide 'Remove frames matching REGEX from the stacks (their time goes to the caller)'
            cand --show 'Keep only frames matching REGEX'
            cand --show-from 'Cut each stack above the root-most frame matching REGEX'
            cand --prune-from 'Cut each stack below the frame matching REGEX (its callees merge into it)'
            cand --tagfocus 'Only samples whose labels match ([key=]regex,... or a numeric range like 1mb:)'
            cand --tagignore 'Drop samples whose labels match ([key=]regex,... or a numeric range)'
            cand --tagshow 'Keep only label keys matching REGEX'
            cand --taghide 'Remove label keys matching REGEX'
            cand -g 'What one row is: functions, filefunctions, files, lines or addresses'
            cand --granularity 'What one row is: functions, filefunctions, files, lines or addresses'
            cand --unit 'Unit for values: minimum (default), auto, or one like ms, s, kb, mb'
            cand --divide-by 'Divide every value by F before printing (percentages unchanged)'
            cand --trim-path 'Strip these path prefixes (colon-separated) from file names'
            cand --seconds 'For a URL: collect a timed profile (CPU, trace, delta heap/allocs) for N seconds; sets seconds=N on the URL, as pprof does'
            cand --timeout 'For a URL: give up after this long (30, 90s, 2m); default 1.5x --seconds, else 60s, plus 5s'
            cand -H 'For a URL: extra request header, "Name: value" (repeatable)'
            cand --header 'For a URL: extra request header, "Name: value" (repeatable)'
            cand --max-bytes 'Refuse a profile larger than this, downloaded or inflated (512M, 2G)'
            cand --normalize 'Scale the profile to the base''s total before comparing'
            cand --folded 'Print folded stacks (frame;frame;... value, root first) instead of an SVG'
            cand --text 'Print the call tree in the terminal instead of an SVG'
            cand --icicle 'Root at the top, callees below (like pprof''s web view)'
            cand --reverse 'Merge stacks by their leaf: leaves at the root, callers above them'
            cand --mean 'Show mean values per sample (divides by the first value, e.g. delay/contentions)'
            cand --noinlines 'Charge inlined functions to their caller'
            cand --relative-percentages 'Percentages relative to what the filters keep, not the whole profile'
            cand --all-frames 'Ignore the profile''s drop_frames/keep_frames'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pa;pprof'= {
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pa;watch'= {
            cand --format 'Output; default: table on a terminal, csv otherwise'
            cand --top 'Also follow the N functions whose in-use bytes grew most since the first poll'
            cand --pid 'Add RSS and VMS of this process, read from /proc/PID/status (it must be visible: same host or a shared PID namespace)'
            cand -H 'For a URL: extra request header, "Name: value" (repeatable)'
            cand --header 'For a URL: extra request header, "Name: value" (repeatable)'
            cand --max-bytes 'Refuse a profile larger than this, downloaded or inflated (512M, 2G)'
            cand --seconds 'For a URL: collect a timed profile (CPU, trace, delta heap/allocs) for N seconds; sets seconds=N on the URL, as pprof does'
            cand --timeout 'Give up on a poll''s fetch after this long (5s, 1m); default: --every (at least 1s, at most 60s) plus 5s'
            cand --every 'Time between polls, on a fixed schedule (500ms, 10s, 1m; at least 100ms)'
            cand --for 'Stop after this long (10m, 1h); no poll starts after it'
            cand --count 'Stop after N polls'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pa;collect'= {
            cand --dir 'Where to save the profiles (created if missing)'
            cand --count 'Stop after N ticks'
            cand --profiles 'Profiles saved each tick, comma-separated: heap, goroutine, allocs, mutex, block, threadcreate (none: only --cpu)'
            cand --cpu 'Also a CPU profile this long each tick (whole seconds, shorter than --every)'
            cand --keep 'Keep only the newest N files of each profile (older ones pa named are deleted)'
            cand --names 'File names: a sequence number or a UTC time'
            cand -H 'For a URL: extra request header, "Name: value" (repeatable)'
            cand --header 'For a URL: extra request header, "Name: value" (repeatable)'
            cand --max-bytes 'Refuse a profile larger than this, downloaded or inflated (512M, 2G)'
            cand --seconds 'For a URL: collect a timed profile (CPU, trace, delta heap/allocs) for N seconds; sets seconds=N on the URL, as pprof does'
            cand --timeout 'Give up on a fetch after this long (30s, 2m); default: --every (at most 60s), for --cpu 1.5x its length, plus 5s'
            cand --every 'Time between ticks, on a fixed schedule (30s, 1m, 5m; at least 1s)'
            cand --for 'Stop after this long (1h, 24h); no tick starts after it'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pa;completions'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pa;man'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'pa;help'= {
            cand top 'Show the functions that use the most of a profile (like go tool pprof -top)'
            cand diff 'Show what changed between a base profile and a newer one'
            cand goroutines 'Group the goroutines of a dump or goroutine profile by stack'
            cand info 'Show what a profile is: format, sample types, time, sizes, MemStats'
            cand fetch 'Fetch a profile from a URL and save it (validated, written atomically)'
            cand list 'List the profiles a /debug/pprof/ index offers, with counts and commands'
            cand flame 'Draw a flame graph: an SVG file (default), folded stacks (--folded) or a terminal tree (--text)'
            cand pprof 'go tool pprof''s own flags and text reports (-top, -traces, -tree, -peek, -tags, -raw)'
            cand watch 'Poll heap MemStats, goroutines (and a process''s RSS) over time'
            cand collect 'Save profiles on a schedule into a directory, keeping the newest N'
            cand completions 'Print shell completions for SHELL (bash, zsh, fish, elvish, powershell)'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'pa;help;top'= {
        }
        &'pa;help;diff'= {
        }
        &'pa;help;goroutines'= {
        }
        &'pa;help;info'= {
        }
        &'pa;help;fetch'= {
        }
        &'pa;help;list'= {
        }
        &'pa;help;flame'= {
        }
        &'pa;help;pprof'= {
        }
        &'pa;help;watch'= {
        }
        &'pa;help;collect'= {
        }
        &'pa;help;completions'= {
        }
        &'pa;help;man'= {
        }
        &'pa;help;help'= {
        }
    ]
    $completions[$command]
}
