//! `pa flame`'s outputs from a call tree (`report::stacks`): an SVG flame
//! graph drawn by inferno, Brendan Gregg's folded stacks, and an indented
//! call tree for the terminal.
//!
//! Safety of names: frames reach inferno escaped by `stacks::escape_frame`
//! (after invalid bytes are shown as U+FFFD), so no `;` can split a frame
//! and no control character reaches the SVG (XML 1.0 forbids most of them
//! even escaped); inferno escapes `<`, `>`, `&` and quotes in every text and
//! title. Titles given by the user are cleaned the same way. The terminal
//! view replaces control characters by `?` (`table::terminal_safe`).
//!
//! Colours (`--colors package`, the default): each frame is coloured by its
//! Go package (`stacks::package_of`). The package name is hashed with
//! 64-bit FNV-1a, the hash picks a hue (hash mod 360 degrees) and the colour
//! is `hsl(hue, 60%, 72%)`, so a package has the same colour in every
//! graph pa draws, whatever else the profile holds. Differential graphs
//! ignore the palette: inferno colours each frame by its change instead.

use std::io::{self, Write};

use inferno::flamegraph::color::{BackgroundColor, Color, PaletteMap};
use inferno::flamegraph::{self, Direction, Palette};

use crate::profile::rawbytes;
use crate::render::table::terminal_safe;
use crate::report::stacks::{CallTree, TreeNode, escape_frame};

/// How frames are coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colors {
    /// A stable colour per Go package (module docs).
    Package,
    /// One of inferno's palettes, hashed by name so it is reproducible.
    Inferno(Palette),
}

impl Colors {
    pub const NAMES: &'static [&'static str] =
        &["package", "hot", "mem", "io", "red", "green", "blue", "aqua", "yellow", "purple", "orange"];

    pub fn parse(s: &str) -> Option<Colors> {
        if s == "package" {
            return Some(Colors::Package);
        }
        if !Self::NAMES.contains(&s) {
            return None;
        }
        s.parse::<Palette>().ok().map(Colors::Inferno)
    }
}

/// Everything the SVG needs besides the tree.
#[derive(Debug, Clone)]
pub struct SvgOptions {
    pub title: String,
    pub subtitle: Option<String>,
    /// The unit shown after each frame's value (`bytes`, `ms`, ...).
    pub count_name: String,
    /// Multiplies values for display (e.g. 1e-6 for nanoseconds shown as ms).
    pub factor: f64,
    /// `Function:` in the details bar; `Line:` etc. for other granularities.
    pub name_type: String,
    /// Image width in pixels.
    pub width: usize,
    /// Frames narrower than this many pixels are merged into their parent.
    pub min_width_px: f64,
    /// Root at the top (pprof's web view) instead of at the bottom.
    pub icicle: bool,
    pub colors: Colors,
}

/// What `svg` drew, for the caller's checks and messages.
#[derive(Debug, Clone, Default)]
pub struct SvgStats {
    /// Folded lines handed to inferno after pruning.
    pub lines: usize,
    /// Stacks left out because their value is negative (only possible for
    /// profiles that hold negative values without a base).
    pub negative_stacks: usize,
}

/// 64-bit FNV-1a.
fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn hsl_to_rgb(h: f64, s: f64, l: f64) -> Color {
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let hp = h / 60.0;
    let x = c * (1.0 - (hp % 2.0 - 1.0).abs());
    let (r, g, b) = match hp as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let m = l - c / 2.0;
    let to = |v: f64| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    Color { r: to(r), g: to(g), b: to(b) }
}

/// The colour of a package (see the module docs).
pub fn package_color(package: &str) -> Color {
    let hue = (fnv1a(package) % 360) as f64;
    hsl_to_rgb(hue, 0.60, 0.72)
}

/// A frame name as inferno gets it: invalid bytes shown as U+FFFD, then
/// `escape_frame`.
pub fn svg_frame(name: &str) -> String {
    escape_frame(&rawbytes::display(name)).into_owned()
}

/// Free text (titles) made safe for XML: invalid bytes shown as U+FFFD and
/// control characters (and U+FFFE/U+FFFF) replaced by U+FFFD.
pub fn svg_text(s: &str) -> String {
    rawbytes::display(s)
        .chars()
        .map(|c| if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' { '\u{FFFD}' } else { c })
        .collect()
}

fn min_width_px(px: f64) -> f64 {
    if px.is_finite() { px.max(0.0) } else { 0.0 }
}

/// The value of the narrowest frame `svg` draws for a tree whose root is
/// worth `root_cum`: `min_width_px` pixels of an image `width` pixels
/// wide. A tree built with `CallTree::build_pruned` and
/// `TreeNode::wide_enough` of this value has every frame the graph shows.
pub fn min_value(root_cum: i64, width: usize, min_width_px_: f64) -> i64 {
    let width = width.max(10);
    let total = root_cum.max(0);
    let v = ((min_width_px(min_width_px_) / width as f64) * total as f64).floor() as i64;
    v.max(1)
}

/// Whether `text` shows a node (given that it shows its parent):
/// `cut` is `text_cut` of its options.
pub fn text_shown(n: &TreeNode, cut: f64) -> bool {
    let v = n.net_cum();
    v != 0 && (v.wrapping_abs() as f64) >= cut
}

/// The smallest |net value| `text` shows.
pub fn text_cut(total: i64, min_percent: f64) -> f64 {
    (total.wrapping_abs() as f64 * min_percent / 100.0).max(0.0)
}

/// Draws the tree as an SVG flame graph. Differential trees draw the new
/// profile's shape, each frame coloured by the change of its own value
/// (red: more than in the base, blue: less), as inferno's differential mode.
pub fn svg(w: &mut dyn Write, tree: &CallTree, o: &SvgOptions) -> io::Result<SvgStats> {
    let width = o.width.max(10);
    let min_px = min_width_px(o.min_width_px);
    let keep = tree.keep_at_least(min_value(tree.root().cum, o.width, o.min_width_px));
    let folded = tree.folded(Some(&keep), &svg_frame);
    let mut stats = SvgStats::default();
    let mut lines = Vec::with_capacity(folded.len());
    for l in &folded {
        if tree.differential {
            lines.push(format!("{} {} {}", l.stack, l.base.max(0), l.value.max(0)));
        } else if l.value > 0 {
            lines.push(format!("{} {}", l.stack, l.value));
        } else if l.value < 0 {
            stats.negative_stacks += 1;
        }
    }
    stats.lines = lines.len();

    let mut palette = PaletteMap::default();
    let mut opt = flamegraph::Options::default();
    match o.colors {
        Colors::Package => {
            for f in &tree.frames {
                palette.insert(svg_frame(&f.name), package_color(&f.package));
            }
            // The `all` frame.
            palette.insert("", Color { r: 200, g: 200, b: 200 });
            opt.bgcolors = Some(BackgroundColor::Grey);
        }
        Colors::Inferno(p) => {
            opt.colors = p;
            opt.hash = true;
            opt.deterministic = true;
        }
    }
    if tree.differential {
        opt.bgcolors = Some(BackgroundColor::Grey);
    }
    opt.title = svg_text(&o.title);
    opt.subtitle = o.subtitle.as_deref().map(svg_text);
    opt.count_name = svg_text(&o.count_name);
    opt.name_type = svg_text(&o.name_type);
    opt.factor = o.factor;
    opt.image_width = Some(width);
    opt.min_width = min_px / width as f64 * 100.0;
    opt.direction = if o.icicle { Direction::Inverted } else { Direction::Straight };
    if o.colors == Colors::Package {
        opt.palette_map = Some(&mut palette);
    }
    if lines.is_empty() {
        // inferno draws an error image and fails; an empty graph is clearer.
        lines.push(format!("{} 0", svg_frame("(no samples)")));
    }
    let mut buf = Vec::new();
    match flamegraph::from_lines(&mut opt, lines.iter().map(String::as_str), &mut buf) {
        Ok(()) => {}
        // "No stack counts found": the SVG saying so was still written.
        Err(e) if e.kind() == io::ErrorKind::InvalidData && !buf.is_empty() => {}
        Err(e) => return Err(e),
    }
    w.write_all(&buf)?;
    Ok(stats)
}

/// Folded stacks: one line per stack, root first (leaf first with
/// `--reverse`), frames escaped by `escape_frame` and joined by `;`, then
/// a space and the stack's value: the exact sum of its samples' values.
/// Differential trees print the net value, new minus base (signed); stacks
/// whose value is zero are left out. Lines are in byte order.
pub fn folded(w: &mut dyn Write, tree: &CallTree) -> io::Result<()> {
    let esc = |s: &str| escape_frame(s).into_owned();
    for l in tree.folded(None, &esc) {
        let v = l.value.wrapping_sub(l.base);
        if v != 0 {
            writeln!(w, "{} {}", l.stack, v)?;
        }
    }
    Ok(())
}

/// Options of the terminal call tree.
pub struct TextOptions<'a> {
    /// Header lines (profile labels), printed first.
    pub header: Vec<String>,
    /// What percentages are of.
    pub total: i64,
    pub format: &'a dyn Fn(i64) -> String,
    /// Columns to fit in.
    pub width: usize,
    /// Nodes below this percentage of the total (in absolute value) are
    /// not shown.
    pub min_percent: f64,
}

fn bar(frac: f64, width: usize) -> String {
    let eighths = (frac.clamp(0.0, 1.0) * width as f64 * 8.0).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        s.push([' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'][eighths % 8]);
    }
    let n = s.chars().count();
    s.extend(std::iter::repeat_n(' ', width - n.min(width)));
    s
}

fn pct(v: i64, total: i64) -> String {
    if total == 0 {
        return "-".into();
    }
    format!("{:.1}%", v as f64 * 100.0 / total as f64)
}

/// Cuts `s` to `max` characters, marking the cut with `…`.
fn fit(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}

/// The call tree as indented text: heaviest paths first, cum and self
/// percentages and a bar, nodes under `min_percent` left out, each line
/// cut to `width` columns. Differential trees show net values (new minus
/// base).
pub fn text(w: &mut dyn Write, tree: &CallTree, o: &TextOptions<'_>) -> io::Result<()> {
    const BAR: usize = 10;
    for h in &o.header {
        writeln!(w, "{}", terminal_safe(h))?;
    }
    let total = o.total;
    let cut = text_cut(total, o.min_percent);
    let shown = |id: u32| text_shown(&tree.nodes[id as usize], cut);
    let sorted_children = |id: u32| {
        let mut c: Vec<u32> = tree.nodes[id as usize].children().filter(|&c| shown(c)).collect();
        c.sort_by(|&a, &b| {
            let (na, nb) = (&tree.nodes[a as usize], &tree.nodes[b as usize]);
            nb.net_cum().wrapping_abs().cmp(&na.net_cum().wrapping_abs()).then_with(|| tree.name(a).cmp(tree.name(b)))
        });
        c
    };
    let fixed = 9 + 1 + 7 + 1 + 7 + 2 + BAR + 2;
    let name_room = o.width.saturating_sub(fixed).max(20);
    writeln!(
        w,
        "{:>9} {:>7} {:>7}  {:BAR$}  {}",
        "cum",
        "cum%",
        "self%",
        "",
        if tree.reversed { "callees above their callers" } else { "callers above their callees" }
    )?;
    // DFS in pre-order. `lasts[k]` tells whether the node's ancestor at
    // depth k + 1 is its parent's last shown child; the guides of a node
    // are drawn from it, only as far as they fit (deep trees stay linear).
    let max_prefix = name_room.saturating_sub(20);
    let mut lasts: Vec<bool> = Vec::new();
    let mut stack: Vec<(u32, bool)> = Vec::new();
    let roots = sorted_children(0);
    for (i, &c) in roots.iter().enumerate().rev() {
        stack.push((c, i + 1 == roots.len()));
    }
    while let Some((id, last)) = stack.pop() {
        let n = &tree.nodes[id as usize];
        let depth = n.depth as usize;
        lasts.truncate(depth - 1);
        lasts.push(last);
        let (cum, own) = (n.net_cum(), n.net_self());
        let frac = if total != 0 { (cum as f64 / total as f64).abs() } else { 0.0 };
        // Guides of the ancestors at depth 2..depth-1 (lasts[1..depth-1]),
        // then the branch; when too wide, the outermost guides give way to `…`.
        let guides = depth.saturating_sub(2);
        let mut prefix = String::new();
        let mut skip = 0;
        if 2 * depth.saturating_sub(1) > max_prefix {
            prefix.push('…');
            skip = guides - guides.min(max_prefix.saturating_sub(3) / 2);
        }
        for &l in &lasts[(1 + skip).min(lasts.len())..depth.saturating_sub(1).max(1)] {
            prefix.push_str(if l { "  " } else { "│ " });
        }
        if depth > 1 {
            prefix.push_str(if last { "└─" } else { "├─" });
        }
        let room = name_room.saturating_sub(prefix.chars().count());
        writeln!(
            w,
            "{:>9} {:>7} {:>7}  {}  {}{}",
            (o.format)(cum),
            pct(cum, total),
            pct(own, total),
            bar(frac, BAR),
            prefix,
            fit(&terminal_safe(tree.name(id)), room)
        )?;
        let children = sorted_children(id);
        for (i, &c) in children.iter().enumerate().rev() {
            stack.push((c, i + 1 == children.len()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_colours_are_stable_and_distinct() {
        assert_eq!(package_color("runtime"), package_color("runtime"));
        assert_ne!(package_color("runtime"), package_color("net/http"));
        // Pinned: a package must keep its colour across releases.
        assert_eq!(fnv1a("runtime") % 360, 243);
        assert_eq!(package_color("runtime"), Color { r: 145, g: 141, b: 226 });
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn xml_text_has_no_controls() {
        assert_eq!(svg_text("a\x1bb\u{7}"), "a\u{FFFD}b\u{FFFD}");
        assert_eq!(svg_frame("x;y\n"), "x%3By%0A");
    }

    #[test]
    fn bars_and_fit() {
        assert_eq!(bar(1.0, 4), "████");
        assert_eq!(bar(0.0, 3), "   ");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
    }
}
