//! Shared text helpers: the phrase normaliser (trigger phrases, caller turns and lint compare
//! text the same way: lower case, contractions expanded, punctuation to spaces, one space
//! between words) and [`regex_index`], regexes for short texts.
//!
//! Owns: string primitives with no knowledge of the file, the call or the network. It stands
//! at the bottom of the crate: the model (pattern regexes), the extractors, the trigger engine,
//! transcripts and lint all use it, so it imports nothing of the crate.

pub mod regex_index;

/// Contractions people say to agents; "where's" = "where is".
const CONTRACTIONS: [(&str, &str); 24] = [
    ("won't", "will not"),
    ("can't", "can not"),
    ("cannot", "can not"),
    ("n't", " not"),
    ("'re", " are"),
    ("'ve", " have"),
    ("'ll", " will"),
    ("'d", " would"),
    ("'m", " am"),
    ("let's", "let us"),
    ("where's", "where is"),
    ("what's", "what is"),
    ("when's", "when is"),
    ("how's", "how is"),
    ("who's", "who is"),
    ("that's", "that is"),
    ("there's", "there is"),
    ("it's", "it is"),
    ("he's", "he is"),
    ("she's", "she is"),
    ("here's", "here is"),
    ("why's", "why is"),
    ("gonna", "going to"),
    ("wanna", "want to"),
];

/// Normalise for matching. The result is padded with one space at each end, so that a phrase
/// " order status " only matches on word boundaries.
pub fn normalise(s: &str) -> String {
    let mut lower = s.to_lowercase();
    // Most phrases and turns have no contraction: skip the table unless one can be there.
    if lower.contains(['\'', '’', '‘', '`']) || lower.contains("nna") || lower.contains("cannot")
    {
        lower = lower.replace(['’', '‘', '`'], "'");
        for (from, to) in CONTRACTIONS {
            if lower.contains(from) {
                lower = lower.replace(from, to);
            }
        }
    }
    let mut out = String::with_capacity(lower.len() + 2);
    out.push(' ');
    let mut last_space = true;
    for c in lower.chars() {
        if c.is_alphanumeric() {
            out.push(c);
            last_space = false;
        } else if !last_space {
            out.push(' ');
            last_space = true;
        }
    }
    if !last_space {
        out.push(' ');
    }
    if out.split(' ').any(|w| unmarked_contraction(w).is_some()) {
        let words: Vec<&str> = out
            .split(' ')
            .map(|w| unmarked_contraction(w).unwrap_or(w))
            .collect();
        out = words.join(" ");
    }
    out
}

/// Contractions a speech recogniser writes without the apostrophe ("dont", "im"). Words that
/// are also words ("its", "lets", "wont", "well") are left alone.
fn unmarked_contraction(w: &str) -> Option<&'static str> {
    Some(match w {
        "dont" => "do not",
        "doesnt" => "does not",
        "didnt" => "did not",
        "cant" => "can not",
        "isnt" => "is not",
        "arent" => "are not",
        "wasnt" => "was not",
        "werent" => "were not",
        "havent" => "have not",
        "hasnt" => "has not",
        "wouldnt" => "would not",
        "couldnt" => "could not",
        "shouldnt" => "should not",
        "im" => "i am",
        "ive" => "i have",
        "youre" => "you are",
        "theyre" => "they are",
        "whats" => "what is",
        "wheres" => "where is",
        "thats" => "that is",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn contractions_and_punctuation() {
        assert_eq!(normalise("Where's my ORDER?!"), " where is my order ");
        assert_eq!(normalise("I can't — really"), " i can not really ");
        assert_eq!(normalise("I dont know"), normalise("I don't know"));
        assert_eq!(normalise("wheres my order"), " where is my order ");
        assert_eq!(normalise("its lid"), " its lid ");
        assert_eq!(normalise("it’s fine"), " it is fine ");
        assert_eq!(normalise("  "), " ");
    }
}
