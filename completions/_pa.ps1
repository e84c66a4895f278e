
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'pa' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'pa'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'pa' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('top', 'top', [CompletionResultType]::ParameterValue, 'Show the functions that use the most of a profile (like go tool pprof -top)')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Show what changed between a base profile and a newer one')
            [CompletionResult]::new('goroutines', 'goroutines', [CompletionResultType]::ParameterValue, 'Group the goroutines of a dump or goroutine profile by stack')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show what a profile is: format, sample types, time, sizes, MemStats')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Fetch a profile from a URL and save it (validated, written atomically)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles a /debug/pprof/ index offers, with counts and commands')
            [CompletionResult]::new('flame', 'flame', [CompletionResultType]::ParameterValue, 'Draw a flame graph: an SVG file (default), folded stacks (--folded) or a terminal tree (--text)')
            [CompletionResult]::new('pprof', 'pprof', [CompletionResultType]::ParameterValue, 'go tool pprof''s own flags and text reports (-top, -traces, -tree, -peek, -tags, -raw)')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Poll heap MemStats, goroutines (and a process''s RSS) over time')
            [CompletionResult]::new('collect', 'collect', [CompletionResultType]::ParameterValue, 'Save profiles on a schedule into a directory, keeping the newest N')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions for SHELL (bash, zsh, fish, elvish, powershell)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pa;top' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many rows to show (0 = all above --nodefraction)')
            [CompletionResult]::new('--nodecount', '--nodecount', [CompletionResultType]::ParameterName, 'How many rows to show (0 = all above --nodefraction)')
            [CompletionResult]::new('--nodefraction', '--nodefraction', [CompletionResultType]::ParameterName, 'Hide rows whose cum is below this fraction of the total')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'Subtract this profile (repeatable; merged): stacks in both cancel out')
            [CompletionResult]::new('--diff-base', '--diff-base', [CompletionResultType]::ParameterName, 'Compare with this profile (repeatable); percentages of the base total')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output: pprof (default off a terminal), table (default on one), json, csv')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Sample type to show, by name or number (e.g. alloc_space, 0)')
            [CompletionResult]::new('--sample-index', '--sample-index', [CompletionResultType]::ParameterName, 'Sample type to show, by name or number (e.g. alloc_space, 0)')
            [CompletionResult]::new('--focus', '--focus', [CompletionResultType]::ParameterName, 'Only samples with a frame matching REGEX (function, file or binary name)')
            [CompletionResult]::new('--ignore', '--ignore', [CompletionResultType]::ParameterName, 'Drop samples with a frame matching REGEX')
            [CompletionResult]::new('--hide', '--hide', [CompletionResultType]::ParameterName, 'Remove frames matching REGEX from the stacks (their time goes to the caller)')
            [CompletionResult]::new('--show', '--show', [CompletionResultType]::ParameterName, 'Keep only frames matching REGEX')
            [CompletionResult]::new('--show-from', '--show-from', [CompletionResultType]::ParameterName, 'Cut each stack above the root-most frame matching REGEX')
            [CompletionResult]::new('--prune-from', '--prune-from', [CompletionResultType]::ParameterName, 'Cut each stack below the frame matching REGEX (its callees merge into it)')
            [CompletionResult]::new('--tagfocus', '--tagfocus', [CompletionResultType]::ParameterName, 'Only samples whose labels match ([key=]regex,... or a numeric range like 1mb:)')
            [CompletionResult]::new('--tagignore', '--tagignore', [CompletionResultType]::ParameterName, 'Drop samples whose labels match ([key=]regex,... or a numeric range)')
            [CompletionResult]::new('--tagshow', '--tagshow', [CompletionResultType]::ParameterName, 'Keep only label keys matching REGEX')
            [CompletionResult]::new('--taghide', '--taghide', [CompletionResultType]::ParameterName, 'Remove label keys matching REGEX')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'What one row is: functions, filefunctions, files, lines or addresses')
            [CompletionResult]::new('--granularity', '--granularity', [CompletionResultType]::ParameterName, 'What one row is: functions, filefunctions, files, lines or addresses')
            [CompletionResult]::new('--unit', '--unit', [CompletionResultType]::ParameterName, 'Unit for values: minimum (default), auto, or one like ms, s, kb, mb')
            [CompletionResult]::new('--divide-by', '--divide-by', [CompletionResultType]::ParameterName, 'Divide every value by F before printing (percentages unchanged)')
            [CompletionResult]::new('--trim-path', '--trim-path', [CompletionResultType]::ParameterName, 'Strip these path prefixes (colon-separated) from file names')
            [CompletionResult]::new('--seconds', '--seconds', [CompletionResultType]::ParameterName, 'For a URL: collect a timed profile (CPU, trace, delta heap/allocs) for N seconds; sets seconds=N on the URL, as pprof does')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'For a URL: give up after this long (30, 90s, 2m); default 1.5x --seconds, else 60s, plus 5s')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'For a URL: extra request header, "Name: value" (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'For a URL: extra request header, "Name: value" (repeatable)')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'Refuse a profile larger than this, downloaded or inflated (512M, 2G)')
            [CompletionResult]::new('--cum', '--cum', [CompletionResultType]::ParameterName, 'Sort by cumulative value instead of flat')
            [CompletionResult]::new('--normalize', '--normalize', [CompletionResultType]::ParameterName, 'Scale the profile to the base''s total before subtracting')
            [CompletionResult]::new('--mean', '--mean', [CompletionResultType]::ParameterName, 'Show mean values per sample (divides by the first value, e.g. delay/contentions)')
            [CompletionResult]::new('--noinlines', '--noinlines', [CompletionResultType]::ParameterName, 'Charge inlined functions to their caller')
            [CompletionResult]::new('--relative-percentages', '--relative-percentages', [CompletionResultType]::ParameterName, 'Percentages relative to what the filters keep, not the whole profile')
            [CompletionResult]::new('--all-frames', '--all-frames', [CompletionResultType]::ParameterName, 'Ignore the profile''s drop_frames/keep_frames')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pa;diff' {
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'The base profile (repeatable; merged)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many rows to show (0 = all)')
            [CompletionResult]::new('--nodecount', '--nodecount', [CompletionResultType]::ParameterName, 'How many rows to show (0 = all)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output: table (default), pprof (go tool pprof -top -diff_base), json, csv')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Sample type to show, by name or number (e.g. alloc_space, 0)')
            [CompletionResult]::new('--sample-index', '--sample-index', [CompletionResultType]::ParameterName, 'Sample type to show, by name or number (e.g. alloc_space, 0)')
            [CompletionResult]::new('--focus', '--focus', [CompletionResultType]::ParameterName, 'Only samples with a frame matching REGEX (function, file or binary name)')
            [CompletionResult]::new('--ignore', '--ignore', [CompletionResultType]::ParameterName, 'Drop samples with a frame matching REGEX')
            [CompletionResult]::new('--hide', '--hide', [CompletionResultType]::ParameterName, 'Remove frames matching REGEX from the stacks (their time goes to the caller)')
            [CompletionResult]::new('--show', '--show', [CompletionResultType]::ParameterName, 'Keep only frames matching REGEX')
            [CompletionResult]::new('--show-from', '--show-from', [CompletionResultType]::ParameterName, 'Cut each stack above the root-most frame matching REGEX')
            [CompletionResult]::new('--prune-from', '--prune-from', [CompletionResultType]::ParameterName, 'Cut each stack below the frame matching REGEX (its callees merge into it)')
            [CompletionResult]::new('--tagfocus', '--tagfocus', [CompletionResultType]::ParameterName, 'Only samples whose labels match ([key=]regex,... or a numeric range like 1mb:)')
            [CompletionResult]::new('--tagignore', '--tagignore', [CompletionResultType]::ParameterName, 'Drop samples whose labels match ([key=]regex,... or a numeric range)')
            [CompletionResult]::new('--tagshow', '--tagshow', [CompletionResultType]::ParameterName, 'Keep only label keys matching REGEX')
            [CompletionResult]::new('--taghide', '--taghide', [CompletionResultType]::ParameterName, 'Remove label keys matching REGEX')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'What one row is: functions, filefunctions, files, lines or addresses')
            [CompletionResult]::new('--granularity', '--granularity', [CompletionResultType]::ParameterName, 'What one row is: functions, filefunctions, files, lines or addresses')
            [CompletionResult]::new('--unit', '--unit', [CompletionResultType]::ParameterName, 'Unit for values: minimum (default), auto, or one like ms, s, kb, mb')
            [CompletionResult]::new('--divide-by', '--divide-by', [CompletionResultType]::ParameterName, 'Divide every value by F before printing (percentages unchanged)')
            [CompletionResult]::new('--trim-path', '--trim-path', [CompletionResultType]::ParameterName, 'Strip these path prefixes (colon-separated) from file names')
            [CompletionResult]::new('--seconds', '--seconds', [CompletionResultType]::ParameterName, 'For a URL: collect a timed profile (CPU, trace, delta heap/allocs) for N seconds; sets seconds=N on the URL, as pprof does')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'For a URL: give up after this long (30, 90s, 2m); default 1.5x --seconds, else 60s, plus 5s')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'For a URL: extra request header, "Name: value" (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'For a URL: extra request header, "Name: value" (repeatable)')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'Refuse a profile larger than this, downloaded or inflated (512M, 2G)')
            [CompletionResult]::new('--cum', '--cum', [CompletionResultType]::ParameterName, 'Sort by the change in cumulative value instead of flat')
            [CompletionResult]::new('--normalize', '--normalize', [CompletionResultType]::ParameterName, 'Scale the new profile to the base''s total first (compare shapes, not volumes)')
            [CompletionResult]::new('--mean', '--mean', [CompletionResultType]::ParameterName, 'Show mean values per sample (divides by the first value, e.g. delay/contentions)')
            [CompletionResult]::new('--noinlines', '--noinlines', [CompletionResultType]::ParameterName, 'Charge inlined functions to their caller')
            [CompletionResult]::new('--relative-percentages', '--relative-percentages', [CompletionResultType]::ParameterName, 'Percentages relative to what the filters keep, not the whole profile')
            [CompletionResult]::new('--all-frames', '--all-frames', [CompletionResultType]::ParameterName, 'Ignore the profile''s drop_frames/keep_frames')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pa;goroutines' {
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Group by: stack, leaf, user (first non-stdlib frame), start (outermost frame), state, creator, label:KEY')
            [CompletionResult]::new('--group-by', '--group-by', [CompletionResultType]::ParameterName, 'Group by: stack, leaf, user (first non-stdlib frame), start (outermost frame), state, creator, label:KEY')
            [CompletionResult]::new('--match', '--match', [CompletionResultType]::ParameterName, 'Frame comparison for stack grouping: line or func')
            [CompletionResult]::new('--depth', '--depth', [CompletionResultType]::ParameterName, 'Group on the innermost N frames only')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Keep goroutines with a frame (function or file:line) matching RE')
            [CompletionResult]::new('--match-frame', '--match-frame', [CompletionResultType]::ParameterName, 'Keep goroutines with a frame (function or file:line) matching RE')
            [CompletionResult]::new('-x', '-x', [CompletionResultType]::ParameterName, 'Drop goroutines with a frame matching RE')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Drop goroutines with a frame matching RE')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Keep goroutines whose state (exact or inferred) matches RE, anchored')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Keep goroutines with label KEY, KEY=VALUE or KEY=~RE (repeatable; all must hold)')
            [CompletionResult]::new('--creator', '--creator', [CompletionResultType]::ParameterName, 'Keep goroutines whose creator (function or file:line) matches RE (debug=2)')
            [CompletionResult]::new('--min-wait', '--min-wait', [CompletionResultType]::ParameterName, 'Keep goroutines waiting at least this long, e.g. 10m, 1h (debug=2; minute granularity)')
            [CompletionResult]::new('--min-count', '--min-count', [CompletionResultType]::ParameterName, 'Hide groups of fewer than N goroutines')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Order: count, wait or name')
            [CompletionResult]::new('--sort', '--sort', [CompletionResultType]::ParameterName, 'Order: count, wait or name')
            [CompletionResult]::new('--top', '--top', [CompletionResultType]::ParameterName, 'Show only the first N groups')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Frame lines per group after collapsing')
            [CompletionResult]::new('--frames', '--frames', [CompletionResultType]::ParameterName, 'Frame lines per group after collapsing')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour: auto, always, never (auto: a terminal and no NO_COLOR)')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'Output width (default: $COLUMNS, the terminal''s, else 100)')
            [CompletionResult]::new('--labels-from', '--labels-from', [CompletionResultType]::ParameterName, 'Merge the labels of this debug=0/1 profile into a text dump')
            [CompletionResult]::new('--seconds', '--seconds', [CompletionResultType]::ParameterName, 'For a URL: collect a timed profile (CPU, trace, delta heap/allocs) for N seconds; sets seconds=N on the URL, as pprof does')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'For a URL: give up after this long (30, 90s, 2m); default 1.5x --seconds, else 60s, plus 5s')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'For a URL: extra request header, "Name: value" (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'For a URL: extra request header, "Name: value" (repeatable)')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'Refuse a profile larger than this, downloaded or inflated (512M, 2G)')
            [CompletionResult]::new('--hide-std', '--hide-std', [CompletionResultType]::ParameterName, 'Hide groups whose frames are all stdlib or runtime')
            [CompletionResult]::new('--full', '--full', [CompletionResultType]::ParameterName, 'Every frame, uncollapsed, with full paths')
            [CompletionResult]::new('--oneline', '--oneline', [CompletionResultType]::ParameterName, 'One line per group: count, state, wait, first user frame')
            [CompletionResult]::new('--ids', '--ids', [CompletionResultType]::ParameterName, 'List goroutine ids (debug=2)')
            [CompletionResult]::new('--parents', '--parents', [CompletionResultType]::ParameterName, 'Show creators'' goroutine ids, `in goroutine N` (Go >= 1.21 dumps)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'JSON (schema in the README)')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'One representative debug=2 block per group, as a smaller dump')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pa;info' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output: text (default) or json')
            [CompletionResult]::new('--seconds', '--seconds', [CompletionResultType]::ParameterName, 'For a URL: collect a timed profile (CPU, trace, delta heap/allocs) for N seconds; sets seconds=N on the URL, as pprof does')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'For a URL: give up after this long (30, 90s, 2m); default 1.5x --seconds, else 60s, plus 5s')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'For a URL: extra request header, "Name: value" (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'For a URL: extra request header, "Name: value" (repeatable)')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'Refuse a profile larger than this, downloaded or inflated (512M, 2G)')
            [CompletionResult]::new('--dump', '--dump', [CompletionResultType]::ParameterName, 'Print the parsed profile in pprof''s Profile.String() layout instead')
            [CompletionResult]::new('--no-text-symbols', '--no-text-symbols', [CompletionResultType]::ParameterName, 'Read text profiles as go tool pprof does (ignore their # symbol lines)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pa;fetch' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where to write it (- for stdout); default NAME.NNN.pb.gz in the current directory, NAME being the profile''s (cpu, heap, ...)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Where to write it (- for stdout); default NAME.NNN.pb.gz in the current directory, NAME being the profile''s (cpu, heap, ...)')
            [CompletionResult]::new('--seconds', '--seconds', [CompletionResultType]::ParameterName, 'For a URL: collect a timed profile (CPU, trace, delta heap/allocs) for N seconds; sets seconds=N on the URL, as pprof does')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'For a URL: give up after this long (30, 90s, 2m); default 1.5x --seconds, else 60s, plus 5s')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'For a URL: extra request header, "Name: value" (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'For a URL: extra request header, "Name: value" (repeatable)')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'Refuse a profile larger than this, downloaded or inflated (512M, 2G)')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Save the bytes as they came, without checking that they are a profile')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pa;list' {
            [CompletionResult]::new('--seconds', '--seconds', [CompletionResultType]::ParameterName, 'For a URL: collect a timed profile (CPU, trace, delta heap/allocs) for N seconds; sets seconds=N on the URL, as pprof does')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'For a URL: give up after this long (30, 90s, 2m); default 1.5x --seconds, else 60s, plus 5s')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'For a URL: extra request header, "Name: value" (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'For a URL: extra request header, "Name: value" (repeatable)')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'Refuse a profile larger than this, downloaded or inflated (512M, 2G)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pa;flame' {
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'Base profile (repeatable; merged): draw a differential flame graph')
            [CompletionResult]::new('--diff-base', '--diff-base', [CompletionResultType]::ParameterName, 'Like --base, with percentages of the base''s total (pprof''s -diff_base)')
            [CompletionResult]::new('--width', '--width', [CompletionResultType]::ParameterName, 'SVG width in pixels (default 1200); with --text, columns (default: the terminal''s)')
            [CompletionResult]::new('--min-width', '--min-width', [CompletionResultType]::ParameterName, 'Merge away frames narrower than this many pixels (keeps huge profiles small)')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'SVG title (default: type, source and time of the profile)')
            [CompletionResult]::new('--colors', '--colors', [CompletionResultType]::ParameterName, 'Frame colours: package (stable hue per Go package) or an inferno palette')
            [CompletionResult]::new('--min-percent', '--min-percent', [CompletionResultType]::ParameterName, 'With --text: hide nodes below this percentage of the total')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to FILE (atomically) instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to FILE (atomically) instead of stdout')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Sample type to show, by name or number (e.g. alloc_space, 0)')
            [CompletionResult]::new('--sample-index', '--sample-index', [CompletionResultType]::ParameterName, 'Sample type to show, by name or number (e.g. alloc_space, 0)')
            [CompletionResult]::new('--focus', '--focus', [CompletionResultType]::ParameterName, 'Only samples with a frame matching REGEX (function, file or binary name)')
            [CompletionResult]::new('--ignore', '--ignore', [CompletionResultType]::ParameterName, 'Drop samples with a frame matching REGEX')
            [CompletionResult]::new('--hide', '--hide', [CompletionResultType]::ParameterName, 'Remove frames matching REGEX from the stacks (their time goes to the caller)')
            [CompletionResult]::new('--show', '--show', [CompletionResultType]::ParameterName, 'Keep only frames matching REGEX')
            [CompletionResult]::new('--show-from', '--show-from', [CompletionResultType]::ParameterName, 'Cut each stack above the root-most frame matching REGEX')
            [CompletionResult]::new('--prune-from', '--prune-from', [CompletionResultType]::ParameterName, 'Cut each stack below the frame matching REGEX (its callees merge into it)')
            [CompletionResult]::new('--tagfocus', '--tagfocus', [CompletionResultType]::ParameterName, 'Only samples whose labels match ([key=]regex,... or a numeric range like 1mb:)')
            [CompletionResult]::new('--tagignore', '--tagignore', [CompletionResultType]::ParameterName, 'Drop samples whose labels match ([key=]regex,... or a numeric range)')
            [CompletionResult]::new('--tagshow', '--tagshow', [CompletionResultType]::ParameterName, 'Keep only label keys matching REGEX')
            [CompletionResult]::new('--taghide', '--taghide', [CompletionResultType]::ParameterName, 'Remove label keys matching REGEX')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'What one row is: functions, filefunctions, files, lines or addresses')
            [CompletionResult]::new('--granularity', '--granularity', [CompletionResultType]::ParameterName, 'What one row is: functions, filefunctions, files, lines or addresses')
            [CompletionResult]::new('--unit', '--unit', [CompletionResultType]::ParameterName, 'Unit for values: minimum (default), auto, or one like ms, s, kb, mb')
            [CompletionResult]::new('--divide-by', '--divide-by', [CompletionResultType]::ParameterName, 'Divide every value by F before printing (percentages unchanged)')
            [CompletionResult]::new('--trim-path', '--trim-path', [CompletionResultType]::ParameterName, 'Strip these path prefixes (colon-separated) from file names')
            [CompletionResult]::new('--seconds', '--seconds', [CompletionResultType]::ParameterName, 'For a URL: collect a timed profile (CPU, trace, delta heap/allocs) for N seconds; sets seconds=N on the URL, as pprof does')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'For a URL: give up after this long (30, 90s, 2m); default 1.5x --seconds, else 60s, plus 5s')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'For a URL: extra request header, "Name: value" (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'For a URL: extra request header, "Name: value" (repeatable)')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'Refuse a profile larger than this, downloaded or inflated (512M, 2G)')
            [CompletionResult]::new('--normalize', '--normalize', [CompletionResultType]::ParameterName, 'Scale the profile to the base''s total before comparing')
            [CompletionResult]::new('--folded', '--folded', [CompletionResultType]::ParameterName, 'Print folded stacks (frame;frame;... value, root first) instead of an SVG')
            [CompletionResult]::new('--text', '--text', [CompletionResultType]::ParameterName, 'Print the call tree in the terminal instead of an SVG')
            [CompletionResult]::new('--icicle', '--icicle', [CompletionResultType]::ParameterName, 'Root at the top, callees below (like pprof''s web view)')
            [CompletionResult]::new('--reverse', '--reverse', [CompletionResultType]::ParameterName, 'Merge stacks by their leaf: leaves at the root, callers above them')
            [CompletionResult]::new('--mean', '--mean', [CompletionResultType]::ParameterName, 'Show mean values per sample (divides by the first value, e.g. delay/contentions)')
            [CompletionResult]::new('--noinlines', '--noinlines', [CompletionResultType]::ParameterName, 'Charge inlined functions to their caller')
            [CompletionResult]::new('--relative-percentages', '--relative-percentages', [CompletionResultType]::ParameterName, 'Percentages relative to what the filters keep, not the whole profile')
            [CompletionResult]::new('--all-frames', '--all-frames', [CompletionResultType]::ParameterName, 'Ignore the profile''s drop_frames/keep_frames')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pa;pprof' {
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pa;watch' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output; default: table on a terminal, csv otherwise')
            [CompletionResult]::new('--top', '--top', [CompletionResultType]::ParameterName, 'Also follow the N functions whose in-use bytes grew most since the first poll')
            [CompletionResult]::new('--pid', '--pid', [CompletionResultType]::ParameterName, 'Add RSS and VMS of this process, read from /proc/PID/status (it must be visible: same host or a shared PID namespace)')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'For a URL: extra request header, "Name: value" (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'For a URL: extra request header, "Name: value" (repeatable)')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'Refuse a profile larger than this, downloaded or inflated (512M, 2G)')
            [CompletionResult]::new('--seconds', '--seconds', [CompletionResultType]::ParameterName, 'For a URL: collect a timed profile (CPU, trace, delta heap/allocs) for N seconds; sets seconds=N on the URL, as pprof does')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a poll''s fetch after this long (5s, 1m); default: --every (at least 1s, at most 60s) plus 5s')
            [CompletionResult]::new('--every', '--every', [CompletionResultType]::ParameterName, 'Time between polls, on a fixed schedule (500ms, 10s, 1m; at least 100ms)')
            [CompletionResult]::new('--for', '--for', [CompletionResultType]::ParameterName, 'Stop after this long (10m, 1h); no poll starts after it')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Stop after N polls')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pa;collect' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Where to save the profiles (created if missing)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Stop after N ticks')
            [CompletionResult]::new('--profiles', '--profiles', [CompletionResultType]::ParameterName, 'Profiles saved each tick, comma-separated: heap, goroutine, allocs, mutex, block, threadcreate (none: only --cpu)')
            [CompletionResult]::new('--cpu', '--cpu', [CompletionResultType]::ParameterName, 'Also a CPU profile this long each tick (whole seconds, shorter than --every)')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Keep only the newest N files of each profile (older ones pa named are deleted)')
            [CompletionResult]::new('--names', '--names', [CompletionResultType]::ParameterName, 'File names: a sequence number or a UTC time')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'For a URL: extra request header, "Name: value" (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'For a URL: extra request header, "Name: value" (repeatable)')
            [CompletionResult]::new('--max-bytes', '--max-bytes', [CompletionResultType]::ParameterName, 'Refuse a profile larger than this, downloaded or inflated (512M, 2G)')
            [CompletionResult]::new('--seconds', '--seconds', [CompletionResultType]::ParameterName, 'For a URL: collect a timed profile (CPU, trace, delta heap/allocs) for N seconds; sets seconds=N on the URL, as pprof does')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on a fetch after this long (30s, 2m); default: --every (at most 60s), for --cpu 1.5x its length, plus 5s')
            [CompletionResult]::new('--every', '--every', [CompletionResultType]::ParameterName, 'Time between ticks, on a fixed schedule (30s, 1m, 5m; at least 1s)')
            [CompletionResult]::new('--for', '--for', [CompletionResultType]::ParameterName, 'Stop after this long (1h, 24h); no tick starts after it')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pa;completions' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pa;man' {
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pa;help' {
            [CompletionResult]::new('top', 'top', [CompletionResultType]::ParameterValue, 'Show the functions that use the most of a profile (like go tool pprof -top)')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Show what changed between a base profile and a newer one')
            [CompletionResult]::new('goroutines', 'goroutines', [CompletionResultType]::ParameterValue, 'Group the goroutines of a dump or goroutine profile by stack')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show what a profile is: format, sample types, time, sizes, MemStats')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Fetch a profile from a URL and save it (validated, written atomically)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles a /debug/pprof/ index offers, with counts and commands')
            [CompletionResult]::new('flame', 'flame', [CompletionResultType]::ParameterValue, 'Draw a flame graph: an SVG file (default), folded stacks (--folded) or a terminal tree (--text)')
            [CompletionResult]::new('pprof', 'pprof', [CompletionResultType]::ParameterValue, 'go tool pprof''s own flags and text reports (-top, -traces, -tree, -peek, -tags, -raw)')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Poll heap MemStats, goroutines (and a process''s RSS) over time')
            [CompletionResult]::new('collect', 'collect', [CompletionResultType]::ParameterValue, 'Save profiles on a schedule into a directory, keeping the newest N')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions for SHELL (bash, zsh, fish, elvish, powershell)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pa;help;top' {
            break
        }
        'pa;help;diff' {
            break
        }
        'pa;help;goroutines' {
            break
        }
        'pa;help;info' {
            break
        }
        'pa;help;fetch' {
            break
        }
        'pa;help;list' {
            break
        }
        'pa;help;flame' {
            break
        }
        'pa;help;pprof' {
            break
        }
        'pa;help;watch' {
            break
        }
        'pa;help;collect' {
            break
        }
        'pa;help;completions' {
            break
        }
        'pa;help;man' {
            break
        }
        'pa;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
