//! A YAML document as a tree of values that each know where they are in the file.
//!
//! serde-saphyr does the parsing (with its alias and nesting budgets); `Spanned` gives the
//! position of every node. We keep our own tree rather than deserialising straight into the
//! model so that the loader can report *every* problem in one pass (unknown keys, wrong types,
//! duplicates) instead of stopping at the first serde error.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

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

/// Why a document could not be read at all.
#[derive(Debug, Clone)]
pub struct ParseError {
    pub message: String,
    pub span: Span,
}

/// Parse one YAML document. Empty input is `Null`.
///
/// The work runs on a thread with a large stack: serde's recursive descent costs tens of
/// kilobytes a level in debug builds, and serde-saphyr's depth budget (64 levels) is what
/// bounds the recursion, so 64 MiB leaves a wide margin whatever the input.
pub fn parse(src: &str) -> Result<Node, ParseError> {
    let owned = src.to_string();
    let worker = std::thread::Builder::new()
        .name("yaml-parse".into())
        .stack_size(64 << 20)
        .spawn(move || parse_here(&owned));
    match worker.map(|h| h.join()) {
        Ok(Ok(r)) => r,
        _ => Err(ParseError {
            message: "the YAML parser failed on this input".into(),
            span: Span::new(1, 1, 0, 0),
        }),
    }
}

fn parse_here(src: &str) -> Result<Node, ParseError> {
    if src.trim().is_empty() {
        return Ok(Node {
            value: Value::Null,
            span: Span::new(1, 1, 0, 0),
        });
    }
    // Duplicate keys are passed through so the loader reports each one at its place
    // (rule `duplicate-key`) alongside every other finding, instead of failing the parse.
    let mut options = serde_saphyr::Options::default();
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::PassThrough;
    // YAML 1.2 booleans only: `n`, `no`, `on` stay strings (a parameter named `n`, country `NO`).
    options.strict_booleans = true;
    match serde_saphyr::from_str_with_options::<SpannedNode>(src, options) {
        Ok(n) => Ok(n.0),
        Err(e) => {
            let span = e
                .location()
                .map(|l| {
                    let s = l.span();
                    Span::new(
                        l.line().max(1) as u32,
                        l.column().max(1) as u32,
                        s.byte_offset().unwrap_or(0) as usize,
                        s.byte_len().unwrap_or(0) as usize,
                    )
                })
                .unwrap_or(Span::new(1, 1, 0, 0));
            let message = first_line(&e.without_snippet().to_string());
            Err(ParseError { message, span })
        }
    }
}

fn first_line(s: &str) -> String {
    let line = s
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("invalid YAML");
    // serde-saphyr appends " at line X column Y"; the finding already carries the place.
    let line = match line.find(" at line ") {
        Some(i) => &line[..i],
        None => line,
    };
    let line = line.trim();
    // Budget breaches come out as Rust debug text; say them in words.
    if line.contains("budget breached") {
        if line.contains("Depth") {
            return "the document nests deeper than 64 levels".to_string();
        }
        if line.contains("Alias") || line.contains("Replay") || line.contains("alias") {
            return "too many alias expansions (a YAML alias bomb?)".to_string();
        }
        return format!("the document is too large to read safely ({line})");
    }
    line.to_string()
}

struct SpannedNode(Node);

impl<'de> Deserialize<'de> for SpannedNode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<RawValue>::deserialize(d)?;
        let l = s.referenced;
        let sp = l.span();
        Ok(SpannedNode(Node {
            value: s.value.0,
            span: Span::new(
                l.line() as u32,
                l.column() as u32,
                sp.byte_offset().unwrap_or(0) as usize,
                sp.byte_len().unwrap_or(0) as usize,
            ),
        }))
    }
}

struct RawValue(Value);

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor).map(RawValue)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v)
            .map(Value::Int)
            .unwrap_or(Value::Float(v as f64)))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v)
            .map(Value::Int)
            .unwrap_or(Value::Float(v as f64)))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        Ok(i64::try_from(v)
            .map(Value::Int)
            .unwrap_or(Value::Float(v as f64)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Value, E> {
        Ok(Value::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        RawValue::deserialize(d).map(|r| r.0)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        RawValue::deserialize(d).map(|r| r.0)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(SpannedNode(n)) = seq.next_element::<SpannedNode>()? {
            out.push(n);
        }
        Ok(Value::Seq(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(SpannedNode(k)) = map.next_key::<SpannedNode>()? {
            let SpannedNode(v) = map.next_value::<SpannedNode>()?;
            out.push((k, v));
        }
        Ok(Value::Map(out))
    }
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
