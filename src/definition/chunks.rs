//! Large files are read in pieces. The `actions:` list is cut at its item boundaries into
//! chunks that are parsed and converted on two threads, each chunk's YAML tree dropped as soon
//! as its actions are built; the rest of the file is parsed with the action lines blanked out
//! (spaces, so every line number and byte offset stays the same).
//!
//! This is only an optimisation: whenever a piece does not parse on its own (an alias across
//! pieces, a syntax error, a list written in flow style), the caller reads the file in one
//! piece, which gives the same model and the canonical error.

use super::yaml::{Node, Value};

/// Below this many actions one piece is fast enough.
pub const MIN_ITEMS: usize = 256;
/// Pieces per file: enough that each tree is small, few enough that parsing stays efficient.
const PIECES: usize = 64;

pub struct Split<'s> {
    /// The file with the action items cut out (their newlines kept).
    pub rest: String,
    pub chunks: Vec<Chunk<'s>>,
    /// Nodes of `rest` at or after byte `cut_at` sit `removed` bytes later in the file.
    pub cut_at: usize,
    pub removed: usize,
}

pub struct Chunk<'s> {
    pub text: &'s str,
    /// Lines before the chunk (0-based) and its byte offset in the file.
    pub line: u32,
    pub offset: usize,
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_item(line: &str, indent: usize) -> bool {
    indent_of(line) == indent && {
        let rest = &line[indent..];
        rest == "-" || rest.starts_with("- ") || rest.starts_with("-\t")
    }
}

fn blank_or_comment(line: &str) -> bool {
    let t = line.trim_start();
    t.is_empty() || t.starts_with('#')
}

/// Cut the file, or `None` when it is small or not in the plain block layout.
pub fn split(src: &str) -> Option<Split<'_>> {
    if src.contains('\t') || src.contains('\r') {
        return None;
    }
    // (start byte, line text) of every line.
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for l in src.split_inclusive('\n') {
        lines.push((at, l.trim_end_matches('\n')));
        at += l.len();
    }
    let key_lines: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, (_, l))| {
            l.strip_prefix("actions:")
                .is_some_and(|r| r.trim().is_empty() || r.trim_start().starts_with('#'))
        })
        .map(|(i, _)| i)
        .collect();
    if key_lines.len() != 1
        || lines
            .iter()
            .filter(|(_, l)| l.starts_with("actions"))
            .count()
            != 1
    {
        return None;
    }
    let key = key_lines[0];
    let first = (key + 1..lines.len()).find(|&i| !blank_or_comment(lines[i].1))?;
    let indent = indent_of(lines[first].1);
    if !is_item(lines[first].1, indent) {
        return None;
    }
    let mut items = vec![first];
    let mut end = lines.len();
    for (i, (_, l)) in lines.iter().enumerate().skip(first + 1) {
        if blank_or_comment(l) {
            continue;
        }
        if is_item(l, indent) {
            items.push(i);
        } else if indent_of(l) <= indent {
            end = i;
            break;
        }
    }
    if items.len() < MIN_ITEMS {
        return None;
    }
    // The block ends before the closing key; trailing blank and comment lines stay with it.
    let byte_end = lines.get(end).map(|(b, _)| *b).unwrap_or(src.len());
    let per = items.len().div_ceil(PIECES);
    let mut chunks = Vec::new();
    for group in items.chunks(per) {
        let start_line = group[0];
        let next = items
            .get(
                items
                    .iter()
                    .position(|&x| x == *group.last().unwrap_or(&start_line))?
                    + 1,
            )
            .copied();
        let stop = next.map(|n| lines[n].0).unwrap_or(byte_end);
        let offset = lines[start_line].0;
        chunks.push(Chunk {
            text: &src[offset..stop],
            line: start_line as u32,
            offset,
        });
    }
    let block_start = lines[first].0;
    // The block becomes its newlines alone: line numbers after it stay right; byte offsets
    // after it move back by `removed`, which `shift_after` puts right.
    let newlines = src[block_start..byte_end]
        .bytes()
        .filter(|b| *b == b'\n')
        .count();
    let mut rest = String::with_capacity(block_start + newlines + (src.len() - byte_end));
    rest.push_str(&src[..block_start]);
    rest.extend(std::iter::repeat_n('\n', newlines));
    rest.push_str(&src[byte_end..]);
    let removed = (byte_end - block_start) - newlines;
    Some(Split {
        rest,
        chunks,
        cut_at: block_start + newlines,
        removed,
    })
}

/// Move the spans of `rest` that follow the cut to their place in the whole file.
pub fn shift_after(n: &mut Node, cut_at: usize, removed: usize) {
    if n.span.offset >= cut_at {
        n.span.offset += removed;
    }
    match &mut n.value {
        Value::Seq(items) => items
            .iter_mut()
            .for_each(|i| shift_after(i, cut_at, removed)),
        Value::Map(pairs) => pairs.iter_mut().for_each(|(k, v)| {
            shift_after(k, cut_at, removed);
            shift_after(v, cut_at, removed);
        }),
        _ => {}
    }
}

/// Move a chunk's spans to their place in the whole file.
pub fn shift(n: &mut Node, lines: u32, offset: usize) {
    n.span.line += lines;
    n.span.offset += offset;
    match &mut n.value {
        Value::Seq(items) => items.iter_mut().for_each(|i| shift(i, lines, offset)),
        Value::Map(pairs) => pairs.iter_mut().for_each(|(k, v)| {
            shift(k, lines, offset);
            shift(v, lines, offset);
        }),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::definition::load::{load_pieces, load_str};
    use std::path::Path;

    fn file(n: usize) -> String {
        let mut s = String::from("version: 1\n# the actions\nactions:\n");
        for i in 0..n {
            s.push_str(&format!(
                "  - name: a{i}\n    description: \"Use when x {i}\"\n    parameters:\n      n: {{ type: integer, example: {i} }}\n    # comment\n\n    webhook: {{ url: \"https://x.example.com/{i}\" }}\n"
            ));
        }
        s.push_str("webhooks:\n  post_call:\n    url: https://x.example.com/end\n");
        s
    }

    #[test]
    fn pieces_give_the_same_model_and_findings() {
        let src = file(300).replace("  - name: a150\n", "  - name: a150\n    descripton: typo\n");
        let whole = load_str(Path::new("t.yaml"), &src);
        let pieces = load_pieces(Path::new("t.yaml"), &src).expect("splits");
        assert_eq!(whole.def.actions.len(), 300);
        assert_eq!(pieces.def.actions.len(), 300);
        for (a, b) in whole.def.actions.iter().zip(&pieces.def.actions) {
            assert_eq!(a.name, b.name);
            assert_eq!(
                a.webhook.url.as_ref().map(|u| u.span),
                b.webhook.url.as_ref().map(|u| u.span)
            );
            assert_eq!(a.parameters[0].example, b.parameters[0].example);
        }
        let mut fw = whole.findings.clone();
        let mut fp = pieces.findings.clone();
        fw.sort_by_key(|f| (f.span.line, f.span.col));
        fp.sort_by_key(|f| (f.span.line, f.span.col));
        assert_eq!(fw, fp);
        let url = |l: &crate::definition::Loaded| {
            l.def.webhooks.post_call.as_ref().and_then(|w| {
                w.request
                    .url
                    .as_ref()
                    .map(|u| (u.span, u.value.raw.clone()))
            })
        };
        assert!(url(&pieces).is_some());
        assert_eq!(
            url(&whole),
            url(&pieces),
            "spans after the actions block are shifted back into place"
        );
    }

    #[test]
    fn small_or_unusual_files_are_not_split() {
        assert!(split(&file(10)).is_none());
        assert!(split(&file(300).replace("actions:\n", "actions: # list\n")).is_some());
        assert!(
            split(&file(300).replace("version: 1\n", "version: 1\nactions_old: 1\n")).is_none()
        );
        assert!(split(&file(300).replace("\n", "\r\n")).is_none());
    }

    #[test]
    fn an_alias_across_pieces_falls_back_to_one_piece() {
        let src = file(300)
            .replace("version: 1\n", "version: 1\nagent: { id: &id agent_1 }\n")
            .replace("name: a299\n", "name: a299\n    display_name: *id\n");
        assert!(load_pieces(Path::new("t.yaml"), &src).is_none());
        let whole = load_str(Path::new("t.yaml"), &src);
        assert_eq!(whole.def.actions.len(), 300);
    }
}
