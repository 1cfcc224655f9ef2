//! A captured request, as `verify` reads it: raw HTTP/1.1 text, the JSON that `test --json`
//! prints (its `request`), or the JSON Lines that `mock --log` writes. The body is kept as the
//! exact bytes received: a signature covers bytes, not parsed JSON.

use serde_json::Value as Json;

#[derive(Debug, Clone, PartialEq)]
pub struct Capture {
    pub method: String,
    /// The absolute URL, when the capture says it (or its Host header does).
    pub url: Option<url::Url>,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Where it came from: `line 3` of a JSON Lines file, or the file itself.
    pub place: String,
}

impl Capture {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn is_form(&self) -> bool {
        self.header("content-type")
            .is_some_and(|c| c.starts_with("application/x-www-form-urlencoded"))
    }
    /// The form fields, in order, when the body is a form.
    pub fn form(&self) -> Option<Vec<(String, String)>> {
        self.is_form().then(|| {
            url::form_urlencoded::parse(&self.body)
                .into_owned()
                .collect()
        })
    }
}

/// Read a capture file: one or more requests. Errors say where, in one line.
pub fn read(bytes: &[u8]) -> Result<Vec<Capture>, String> {
    let text_start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .ok_or("the capture is empty")?;
    if bytes[text_start] == b'{' {
        return read_json(bytes);
    }
    read_http(bytes).map(|c| vec![c])
}

fn read_json(bytes: &[u8]) -> Result<Vec<Capture>, String> {
    // One JSON document (`test --json`), or JSON Lines (`mock --log`).
    if let Ok(doc) = serde_json::from_slice::<Json>(bytes) {
        return Ok(vec![from_json(&doc, "the capture")?]);
    }
    let text =
        std::str::from_utf8(bytes).map_err(|_| "the capture is not UTF-8 JSON".to_string())?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let place = format!("line {}", i + 1);
        let doc: Json = serde_json::from_str(line)
            .map_err(|e| format!("{place}: not JSON ({e}); a cut-off capture?"))?;
        out.push(from_json(&doc, &place)?);
    }
    if out.is_empty() {
        return Err("the capture holds no request".into());
    }
    Ok(out)
}

fn from_json(doc: &Json, place: &str) -> Result<Capture, String> {
    let req = doc.get("request").filter(|r| r.is_object()).unwrap_or(doc);
    let obj = req.as_object().ok_or_else(|| {
        format!("{place}: expected a JSON object with method, url, headers and body")
    })?;
    let method = obj
        .get("method")
        .and_then(Json::as_str)
        .ok_or_else(|| format!("{place}: no `method`"))?
        .to_string();
    let headers: Vec<(String, String)> = match obj.get("headers") {
        Some(Json::Array(items)) => items
            .iter()
            .map(|p| match p.as_array().map(Vec::as_slice) {
                Some([Json::String(k), Json::String(v)]) => Ok((k.clone(), v.clone())),
                _ => Err(format!("{place}: `headers` entries must be [name, value]")),
            })
            .collect::<Result<_, _>>()?,
        Some(Json::Object(m)) => m
            .iter()
            .map(|(k, v)| (k.clone(), crate::webhook::render::value_text(v)))
            .collect(),
        _ => return Err(format!("{place}: no `headers`")),
    };
    // The exact bytes: `body_base64` (mock --log, a body that is not UTF-8), `raw_body`
    // (test --json), else a string `body` (mock --log).
    if let Some(Json::String(b64)) = obj.get("body_base64") {
        use base64::Engine;
        let body = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .map_err(|_| format!("{place}: `body_base64` is not base64"))?;
        let mut c = from_json_body(obj, place, method, headers, body)?;
        c.place = place.to_string();
        return Ok(c);
    }
    let body = match (obj.get("raw_body"), obj.get("body")) {
        (Some(Json::String(s)), _) | (None, Some(Json::String(s))) => s.clone().into_bytes(),
        (None, Some(Json::Null)) | (None, None) => Vec::new(),
        (None, Some(_)) => {
            return Err(format!(
                "{place}: `body` is parsed JSON, not the bytes received; capture with `mock --log` or `test --json` (which keep `raw_body`)"
            ));
        }
        (Some(_), _) => return Err(format!("{place}: `raw_body` must be a string")),
    };
    from_json_body(obj, place, method, headers, body)
}

fn from_json_body(
    obj: &serde_json::Map<String, Json>,
    place: &str,
    method: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
) -> Result<Capture, String> {
    let url = match obj.get("url").and_then(Json::as_str) {
        Some(u) => Some(url::Url::parse(u).map_err(|e| format!("{place}: `url` {u}: {e}"))?),
        None => None,
    };
    let mut c = Capture {
        method,
        url,
        headers,
        body,
        place: place.to_string(),
    };
    if c.url.is_none() {
        if let Some(p) = obj.get("path").and_then(Json::as_str) {
            c.url = url_from_host(&c, p);
        }
    }
    Ok(c)
}

fn url_from_host(c: &Capture, target: &str) -> Option<url::Url> {
    if target.starts_with("http://") || target.starts_with("https://") {
        return url::Url::parse(target).ok();
    }
    let host = c.header("host")?;
    url::Url::parse(&format!("http://{host}{target}")).ok()
}

fn read_http(bytes: &[u8]) -> Result<Capture, String> {
    let head_end = find(bytes, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| find(bytes, b"\n\n").map(|i| (i, i + 2)))
        .ok_or("line 1: no blank line after the headers: a cut-off capture, or not HTTP")?;
    let head = std::str::from_utf8(&bytes[..head_end.0])
        .map_err(|_| "the request head is not UTF-8".to_string())?;
    let mut lines = head.lines();
    let first = lines.next().unwrap_or_default();
    let mut parts = first.split_whitespace();
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(format!(
            "line 1: `{first}` is not a request line (METHOD /path HTTP/1.1)"
        ));
    };
    if method.starts_with("HTTP/") {
        return Err(format!(
            "line 1: `{first}` is a response's status line; verify reads the request"
        ));
    }
    if !version.starts_with("HTTP/") {
        return Err(format!("line 1: `{version}` is not an HTTP version"));
    }
    let mut headers = Vec::new();
    for (i, line) in lines.enumerate() {
        let Some((k, v)) = line.split_once(':') else {
            return Err(format!("line {}: `{line}` is not a header", i + 2));
        };
        headers.push((k.trim().to_string(), v.trim().to_string()));
    }
    let mut body = bytes[head_end.1..].to_vec();
    let mut c = Capture {
        method: method.to_string(),
        url: None,
        headers,
        body: Vec::new(),
        place: "the capture".into(),
    };
    if c.header("transfer-encoding")
        .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"))
    {
        body = dechunk(&body)?;
    } else if let Some(len) = c.header("content-length") {
        let n: usize = len
            .parse()
            .map_err(|_| format!("Content-Length `{len}` is not a number"))?;
        if body.len() < n {
            return Err(format!(
                "the body is cut off: Content-Length says {n} bytes, the capture has {}",
                body.len()
            ));
        }
        body.truncate(n);
    }
    c.body = body;
    c.url = url_from_host(&c, target);
    Ok(c)
}

/// A chunked body (`Transfer-Encoding: chunked`, as proxies record it) as its bytes.
fn dechunk(mut b: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let line_end =
            find(b, b"\r\n").ok_or("the chunked body is cut off (no chunk size line)")?;
        let size_text = std::str::from_utf8(&b[..line_end]).unwrap_or("");
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|_| format!("`{size_text}` is not a chunk size"))?;
        b = &b[line_end + 2..];
        if size == 0 {
            return Ok(out);
        }
        if b.len() < size {
            return Err(format!(
                "the chunked body is cut off: a chunk of {size} bytes has {}",
                b.len()
            ));
        }
        out.extend_from_slice(&b[..size]);
        b = b.get(size + 2..).unwrap_or_default();
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_http_with_crlf_and_content_length() {
        let c = read(b"POST /hook?x=1 HTTP/1.1\r\nHost: api.example.com\r\nContent-Length: 7\r\nX-A: b\r\n\r\n{\"a\":1}").expect("reads");
        assert_eq!(c[0].method, "POST");
        assert_eq!(
            c[0].url.as_ref().map(|u| u.as_str()),
            Some("http://api.example.com/hook?x=1")
        );
        assert_eq!(c[0].body, br#"{"a":1}"#);
        assert_eq!(c[0].header("x-a"), Some("b"));
    }

    #[test]
    fn cut_off_and_malformed_captures_say_why() {
        let e = read(b"POST /h HTTP/1.1\nContent-Length: 10\n\n{}").expect_err("cut");
        assert!(e.contains("cut off"), "{e}");
        let e = read(b"POST /h HTTP/1.1\nHost: x").expect_err("no blank line");
        assert!(e.contains("no blank line"), "{e}");
        let e = read(b"hello\n\n").expect_err("not http");
        assert!(e.contains("line 1"), "{e}");
        let e =
            read(b"{\"method\":\"POST\",\"headers\":[],\"body\":{\"a\":1}}").expect_err("parsed");
        assert!(e.contains("not the bytes"), "{e}");
        let e = read(b"{\"method\":\"POST\",\"headers\":[]}\n{\"method\":").expect_err("lines");
        assert!(e.starts_with("line 2"), "{e}");
    }

    #[test]
    fn chunked_bodies_and_responses() {
        let c = read(b"POST /h HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n").expect("reads");
        assert_eq!(c[0].body, br#"{"a":1}"#);
        let e = read(b"HTTP/1.1 200 OK\r\n\r\n{}").expect_err("a response");
        assert!(e.contains("response"), "{e}");
    }

    #[test]
    fn json_lines_and_test_json() {
        let c = read(
            br#"{"method":"POST","url":"http://127.0.0.1:9/a","headers":[["X-S","1"]],"body":"{\"a\": 1}"}
{"request":{"method":"POST","url":"https://e.com/b","headers":[],"raw_body":"x"}}"#,
        )
        .expect("reads");
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].body, br#"{"a": 1}"#);
        assert_eq!(c[1].body, b"x");
        assert_eq!(c[1].place, "line 2");
    }
}
