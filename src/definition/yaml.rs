//! A YAML document as a tree of values that each know where they are in the file.
//!
//! The events come from granit-parser, the YAML 1.2 parser inside serde-saphyr (re-exported
//! by it), with the line, column and byte range of every node. We build our own tree from
//! them rather than deserialising into the model so that the loader can report *every*
//! problem in one pass (unknown keys, wrong types, duplicates) instead of stopping at the
//! first serde error; and building it iteratively from events needs no deep recursion and
//! is about three times faster than going through serde-saphyr's `Spanned<T>` deserialiser
//! (see the README's benchmark notes). Limits: 64 levels of nesting, 5,000,000 nodes, and
//! 1,000,000 nodes copied through aliases (alias bombs stop there).

use serde_saphyr::granit_parser::{Event, Marker, Parser, ScalarStyle};
use std::collections::HashMap;

/// A place in the source: 1-based line and column, and the byte range when known.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub line: u32,
    pub col: u32,
    pub offset: usize,
    pub len: usize,
}

impl Span {
    pub fn new(line: u32, col: u32, offset: usize, len: usize) -> Self {
        Span {
            line,
            col,
            offset,
            len,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

impl Node {
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    /// The scalar as text, for places where a string is expected but YAML typed it
    /// (`version: 1`, `example: 12345`). Uses the source text so `+1415…` keeps its plus sign.
    pub fn scalar_text(&self, src: &str) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => {
                let raw = src.get(self.span.offset..self.span.offset + self.span.len)?;
                Some(raw.trim().to_string())
            }
            _ => None,
        }
    }

    /// The node as JSON, for bodies, mock responses and test values.
    pub fn to_json(&self) -> serde_json::Value {
        match &self.value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Int(i) => serde_json::Value::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f)
                .map(serde_json::Value::Number)
                .unwrap_or(serde_json::Value::Null),
            Value::Str(s) => serde_json::Value::String(s.clone()),
            Value::Seq(items) => items.iter().map(Node::to_json).collect(),
            Value::Map(pairs) => {
                let mut m = serde_json::Map::new();
                for (k, v) in pairs {
                    let key = match &k.value {
                        Value::Str(s) => s.clone(),
                        other => Node {
                            value: other.clone(),
                            span: k.span,
                        }
                        .to_json()
                        .to_string(),
                    };
                    m.insert(key, v.to_json());
                }
                serde_json::Value::Object(m)
            }
        }
    }
}

/// One step into a JSON value: a key of an object or an index of a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathSeg {
    Key(String),
    Index(usize),
}

impl Node {
    /// The outermost node that starts where `at` starts: the YAML behind a value the model
    /// kept only as JSON (a schema, a body, a test's values).
    pub fn node_at(&self, at: Span) -> Option<&Node> {
        let mut node = self;
        loop {
            if node.span.offset == at.offset && node.span.line == at.line {
                return Some(node);
            }
            let children: Vec<&Node> = match &node.value {
                Value::Seq(items) => items.iter().collect(),
                Value::Map(pairs) => pairs.iter().map(|(_, v)| v).collect(),
                _ => return None,
            };
            // Children come in document order: the one to enter is the last that starts at or
            // before the place; one that starts exactly there is the answer itself.
            let next = children
                .into_iter()
                .take_while(|c| c.span.offset <= at.offset)
                .last()?;
            if std::ptr::eq(next, node) {
                return None;
            }
            node = next;
        }
    }

    /// Where a JSON path inside this node is written: the key's own place for an object
    /// member (what a finding about `type: stringg` should point at), the item itself for a
    /// list entry. It stops at the deepest step that exists.
    pub fn locate(&self, path: &[PathSeg]) -> Span {
        let mut node = self;
        let mut span = self.span;
        for seg in path {
            let next = match (seg, &node.value) {
                (PathSeg::Key(k), Value::Map(pairs)) => pairs
                    .iter()
                    .find(|(key, _)| key.as_str() == Some(k.as_str()))
                    .map(|(key, v)| (key.span, v)),
                (PathSeg::Index(i), Value::Seq(items)) => items.get(*i).map(|v| (v.span, v)),
                _ => None,
            };
            let Some((at, child)) = next else { break };
            span = at;
            node = child;
        }
        span
    }
}

/// Why a document could not be read at all.
#[derive(Debug, Clone)]
pub struct ParseError {
    pub message: String,
    pub span: Span,
}

pub const MAX_DEPTH: usize = 64;
pub const MAX_NODES: usize = 5_000_000;
pub const MAX_ALIAS_NODES: usize = 1_000_000;

fn at(m: &Marker) -> Span {
    Span::new(
        m.line() as u32,
        m.col() as u32 + 1,
        m.byte_offset().unwrap_or(m.index()),
        0,
    )
}

fn err(m: &Marker, message: impl Into<String>) -> ParseError {
    ParseError {
        message: message.into(),
        span: at(m),
    }
}

enum Open {
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>, Option<Node>),
}

struct Frame {
    open: Open,
    start: Span,
    anchor: usize,
}

fn count(n: &Node) -> usize {
    match &n.value {
        Value::Seq(items) => 1 + items.iter().map(count).sum::<usize>(),
        Value::Map(pairs) => {
            1 + pairs
                .iter()
                .map(|(k, v)| count(k) + count(v))
                .sum::<usize>()
        }
        _ => 1,
    }
}

/// YAML 1.2 core schema for a plain scalar: null, booleans, integers, floats, else a string.
fn plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    let b = text.as_bytes();
    let digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    let unsigned = b
        .strip_prefix(b"-")
        .or_else(|| b.strip_prefix(b"+"))
        .unwrap_or(b);
    if digits(unsigned) {
        return match text.parse::<i64>() {
            Ok(i) => Value::Int(i),
            Err(_) => text
                .parse::<f64>()
                .map(Value::Float)
                .unwrap_or_else(|_| Value::Str(text.into())),
        };
    }
    if let Some(hex) = text.strip_prefix("0x") {
        if let Ok(i) = i64::from_str_radix(hex, 16) {
            return Value::Int(i);
        }
    }
    if let Some(oct) = text.strip_prefix("0o") {
        if let Ok(i) = i64::from_str_radix(oct, 8) {
            return Value::Int(i);
        }
    }
    // [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
    let (mant, exp) = match unsigned.iter().position(|c| *c == b'e' || *c == b'E') {
        Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
        None => (unsigned, None),
    };
    let mant_ok = match mant.iter().position(|c| *c == b'.') {
        Some(i) => {
            (digits(&mant[..i]) || i == 0)
                && (mant[i + 1..].iter().all(u8::is_ascii_digit))
                && mant.len() > 1
        }
        None => digits(mant),
    };
    let exp_ok = exp.is_none_or(|e| {
        digits(
            e.strip_prefix(b"-")
                .or_else(|| e.strip_prefix(b"+"))
                .unwrap_or(e),
        )
    });
    if mant_ok && exp_ok && (exp.is_some() || mant.contains(&b'.')) {
        if let Ok(f) = text.parse::<f64>() {
            return Value::Float(f);
        }
    }
    Value::Str(text.to_string())
}

/// Parse one YAML document. Empty input is `Null`.
pub fn parse(src: &str) -> Result<Node, ParseError> {
    let mut parser = Parser::new_from_str(src);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, (Node, usize)> = HashMap::new();
    let mut root: Option<Node> = None;
    let mut documents = 0;
    let mut nodes = 0usize;
    let mut alias_nodes = 0usize;
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| err(e.marker(), e.info()))?;
        let node = match event {
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return Err(err(
                        &span.start,
                        "the file holds more than one YAML document; voxhook reads one",
                    ));
                }
                continue;
            }
            Event::Scalar(text, style, anchor, tag) => {
                let value = match style {
                    ScalarStyle::Plain if tag.is_none() => plain(&text),
                    _ => Value::Str(text.into_owned()),
                };
                let mut sp = at(&span.start);
                sp.len = span
                    .end
                    .byte_offset()
                    .unwrap_or(0)
                    .saturating_sub(sp.offset);
                let node = Node { value, span: sp };
                if anchor != 0 {
                    anchors.insert(anchor, (node.clone(), 1));
                }
                node
            }
            Event::SequenceStart(_, anchor, _) | Event::MappingStart(_, anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(err(
                        &span.start,
                        format!("the document nests deeper than {MAX_DEPTH} levels"),
                    ));
                }
                let open = if matches!(event, Event::SequenceStart(..)) {
                    Open::Seq(Vec::new())
                } else {
                    Open::Map(Vec::new(), None)
                };
                stack.push(Frame {
                    open,
                    start: at(&span.start),
                    anchor,
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = stack.pop() else {
                    return Err(err(&span.start, "unbalanced end of a collection"));
                };
                let value = match frame.open {
                    Open::Seq(items) => Value::Seq(items),
                    Open::Map(pairs, _) => Value::Map(pairs),
                };
                let mut sp = frame.start;
                sp.len = span
                    .end
                    .byte_offset()
                    .unwrap_or(sp.offset)
                    .saturating_sub(sp.offset);
                let node = Node { value, span: sp };
                if frame.anchor != 0 {
                    let n = count(&node);
                    anchors.insert(frame.anchor, (node.clone(), n));
                }
                node
            }
            Event::Alias(id) => {
                let Some((target, size)) = anchors.get(&id) else {
                    return Err(err(
                        &span.start,
                        "an alias refers to an anchor that is not defined before it",
                    ));
                };
                alias_nodes += size;
                if alias_nodes > MAX_ALIAS_NODES {
                    return Err(err(
                        &span.start,
                        "too many alias expansions (a YAML alias bomb?)",
                    ));
                }
                let mut copy = target.clone();
                copy.span = at(&span.start);
                copy
            }
            Event::UnresolvedAlias(name) => {
                return Err(err(&span.start, format!("unknown alias `*{name}`")));
            }
            _ => continue,
        };
        nodes += 1;
        if nodes > MAX_NODES {
            return Err(err(
                &span.start,
                format!("the document has more than {MAX_NODES} nodes"),
            ));
        }
        match stack.last_mut() {
            Some(Frame {
                open: Open::Seq(items),
                ..
            }) => items.push(node),
            Some(Frame {
                open: Open::Map(pairs, key),
                ..
            }) => match key.take() {
                Some(k) => pairs.push((k, node)),
                None => *key = Some(node),
            },
            None => root = Some(node),
        }
    }
    Ok(root.unwrap_or(Node {
        value: Value::Null,
        span: Span::new(1, 1, 0, 0),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_of_nested_values() {
        let src = "version: 1\nactions:\n  - name: check\n    url: \"https://x\"\n";
        let n = parse(src).expect("parses");
        let m = n.as_map().expect("map");
        assert_eq!(m[0].0.span.line, 1);
        let actions = &m[1].1;
        let Value::Seq(items) = &actions.value else {
            panic!("seq")
        };
        let item = items[0].as_map().expect("map");
        assert_eq!((item[0].1.span.line, item[0].1.span.col), (3, 11));
        assert_eq!((item[1].1.span.line, item[1].1.span.col), (4, 10));
    }

    #[test]
    fn plus_sign_kept_in_scalar_text() {
        let src = "caller: +14155552671\n";
        let n = parse(src).expect("parses");
        let v = &n.as_map().expect("map")[0].1;
        assert_eq!(v.scalar_text(src).as_deref(), Some("+14155552671"));
    }

    #[test]
    fn syntax_error_is_located() {
        let e = parse("a: [1, 2\nb: c\n").expect_err("bad");
        assert!(e.span.line >= 1);
        assert!(!e.message.is_empty());
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut s = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = i - 1;
            s.push_str(&format!(
                "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        let t = std::time::Instant::now();
        assert!(parse(&s).is_err());
        assert!(t.elapsed().as_secs() < 5);
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let s = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(parse(&s).is_err());
        let mut block = String::new();
        for i in 0..300 {
            block.push_str(&" ".repeat(i));
            block.push_str("a:\n");
        }
        let e = parse(&block).expect_err("too deep");
        assert!(e.message.contains("nest"), "{}", e.message);
    }
}
