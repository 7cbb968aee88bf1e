//! The crate's own source, so a lesson can show the real code of a type or
//! function — doc comment included — instead of a copy pasted into a cell.

//!
//! An excerpt is found by the item's signature, never by a line number, so
//! editing a file does not change what a lesson shows of another item.

use super::table::html_escape;
use super::{shows_as, Output};

/// The source files a lesson may quote, embedded at compile time.
const FILES: &[(&str, &str)] = &[
    ("maths/activation.rs", include_str!("../maths/activation.rs")),
    ("maths/loss/formulas.rs", include_str!("../maths/loss/formulas.rs")),
    ("maths/loss/mod.rs", include_str!("../maths/loss/mod.rs")),
    ("by_hand/linear.rs", include_str!("../by_hand/linear.rs")),
    ("by_hand/mse.rs", include_str!("../by_hand/mse.rs")),
    ("by_hand/neuron.rs", include_str!("../by_hand/neuron.rs")),
];

/// A piece of the crate's source: an item with its doc comment.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceExcerpt {
    /// The file, e.g. `by_hand/linear.rs`.
    pub file: String,
    /// The signature it was found by, e.g. `pub fn backward`.
    pub signature: String,
    /// The lines.
    pub text: String,
}

/// The item of `file` whose first line contains `signature` (for example
/// `"pub fn backward"`), together with the doc comment above it and everything
/// down to its closing brace.
///
/// # Panics
/// If the file is not embedded, or the signature is on no line or on more than
/// one (then a longer signature tells them apart).
#[track_caller]
pub fn source_excerpt(file: &str, signature: &str) -> SourceExcerpt {
    let text = FILES
        .iter()
        .find(|(name, _)| *name == file)
        .unwrap_or_else(|| {
            panic!("source_excerpt: {file} is not one of {:?}", FILES.iter().map(|f| f.0).collect::<Vec<_>>())
        })
        .1;
    let lines: Vec<&str> = text.lines().collect();
    let found: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].contains(signature) && !lines[i].trim_start().starts_with("//"))
        .collect();
    let start = match found[..] {
        [one] => one,
        [] => panic!("source_excerpt: no line of {file} contains `{signature}`"),
        _ => {
            panic!("source_excerpt: {} lines of {file} contain `{signature}`; give more of the signature", found.len())
        }
    };
    let indent = lines[start].len() - lines[start].trim_start().len();
    // Walk up over the doc comment and attributes.
    let mut first = start;
    while first > 0 && {
        let t = lines[first - 1].trim_start();
        t.starts_with("///") || t.starts_with("#[")
    } {
        first -= 1;
    }
    // Walk down to the closing brace at the same indentation (or a one-line item).
    let mut last = start;
    if !lines[start].trim_end().ends_with(';') && !lines[start].trim_end().ends_with('}') {
        while last + 1 < lines.len() {
            last += 1;
            let l = lines[last];
            if l.len() - l.trim_start().len() == indent && l.trim_start().starts_with('}') {
                break;
            }
        }
    }
    let body: Vec<&str> = lines[first..=last].iter().map(|l| l.get(indent..).unwrap_or(l.trim_start())).collect();
    SourceExcerpt { file: file.to_string(), signature: signature.to_string(), text: body.join("\n") }
}

/// The code with its file above it.
fn excerpt_output(e: &SourceExcerpt) -> Output {
    let head = format!("crates/backprop/src/{}", e.file);
    Output {
        text: format!("// {head}\n{}", e.text),
        html: format!(
            "<div style=\"font-size:smaller;color:#666\">{}</div><pre style=\"background:#f6f8fa;padding:8px\">{}</pre>",
            html_escape(&head),
            html_escape(&e.text)
        ),
    }
}

shows_as!(SourceExcerpt, excerpt_output);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_method_with_its_doc_comment() {
        let e = source_excerpt("by_hand/linear.rs", "pub fn backward");
        assert!(e.text.starts_with("/// Given dL/dout"), "{}", e.text);
        assert!(e.text.contains("linear_backward(dl_dout, x, &self.w)"));
        assert!(e.text.ends_with('}'));
    }

    #[test]
    fn finds_a_struct() {
        let e = source_excerpt("by_hand/mse.rs", "pub struct MseLoss");
        assert!(e.text.contains("pub diff: Option<Array2<f64>>"), "{}", e.text);
    }

    #[test]
    #[should_panic(expected = "no line of by_hand/linear.rs contains `pub fn nothing`")]
    fn a_missing_item_is_named() {
        source_excerpt("by_hand/linear.rs", "pub fn nothing");
    }

    #[test]
    #[should_panic(expected = "lines of by_hand/linear.rs contain `pub fn`; give more of the signature")]
    fn an_ambiguous_signature_is_refused() {
        source_excerpt("by_hand/linear.rs", "pub fn");
    }
}
