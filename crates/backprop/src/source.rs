//! The crate's own source, so a lesson can show the real code of a type or
//! function — doc comment included — instead of a copy pasted into a cell.

use crate::display::html_escape;

/// The source files a lesson may quote, embedded at compile time.
const FILES: &[(&str, &str)] = &[
    ("activation.rs", include_str!("activation.rs")),
    ("linear.rs", include_str!("linear.rs")),
    ("loss.rs", include_str!("loss.rs")),
    ("neuron.rs", include_str!("neuron.rs")),
    ("optim.rs", include_str!("optim.rs")),
];

/// A piece of the crate's source: an item with its doc comment.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceExcerpt {
    /// The file, e.g. `linear.rs`.
    pub file: String,
    /// 1-based number of the first line shown.
    pub first_line: usize,
    /// The lines.
    pub text: String,
}

/// The item of `file` whose first line contains `signature` (for example
/// `"pub fn backward"`; the `nth` such line, counting from 0), together with
/// the doc comment above it and everything down to its closing brace.
///
/// # Panics
/// If the file is not embedded or no such line exists.
#[track_caller]
pub fn source_excerpt(file: &str, signature: &str, nth: usize) -> SourceExcerpt {
    let text = FILES
        .iter()
        .find(|(name, _)| *name == file)
        .unwrap_or_else(|| {
            panic!("source_excerpt: {file} is not one of {:?}", FILES.iter().map(|f| f.0).collect::<Vec<_>>())
        })
        .1;
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.contains(signature) && !l.trim_start().starts_with("//"))
        .nth(nth)
        .unwrap_or_else(|| panic!("source_excerpt: no line {nth} containing `{signature}` in {file}"))
        .0;
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
    SourceExcerpt { file: file.to_string(), first_line: first + 1, text: body.join("\n") }
}

impl SourceExcerpt {
    /// evcxr's display hook: the code with its file and line number.
    pub fn evcxr_display(&self) {
        let head = format!("crates/backprop/src/{}, line {}", self.file, self.first_line);
        println!("EVCXR_BEGIN_CONTENT text/plain\n// {head}\n{}\nEVCXR_END_CONTENT", self.text);
        println!(
            "EVCXR_BEGIN_CONTENT text/html\n<div style=\"font-size:smaller;color:#666\">{}</div><pre style=\"background:#f6f8fa;padding:8px\">{}</pre>\nEVCXR_END_CONTENT",
            html_escape(&head),
            html_escape(&self.text)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_method_with_its_doc_comment() {
        let e = source_excerpt("linear.rs", "pub fn backward", 0);
        assert!(e.text.starts_with("/// Given dL/dy"), "{}", e.text);
        assert!(e.text.contains("linear_backward(grad_out, x, &self.w)"));
        assert!(e.text.ends_with('}'));
        assert!(e.first_line > 1);
    }

    #[test]
    fn finds_a_struct() {
        let e = source_excerpt("loss.rs", "pub struct MseLoss", 0);
        assert!(e.text.contains("pub diff: Option<Array2<f64>>"), "{}", e.text);
    }

    #[test]
    #[should_panic(expected = "no line 0 containing `pub fn nothing` in linear.rs")]
    fn a_missing_item_is_named() {
        source_excerpt("linear.rs", "pub fn nothing", 0);
    }
}
