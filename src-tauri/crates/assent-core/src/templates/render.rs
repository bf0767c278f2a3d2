//! Turning a template's Markdown into the exact text signers see.
//!
//! Templates are a deliberately small kind of Markdown: headings, paragraphs
//! and bullet lists, with emphasis kept as plain text. HTML is rejected, not
//! rendered, so nothing in a template can ever run as markup or script. The
//! rendered text is canonical (one form for one content), so its SHA-256 is a
//! fingerprint of what was signed.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use serde::Serialize;
use ts_rs::TS;

use super::TemplateKind;
use crate::hex::sha256_hex;

/// One block of a rendered agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A section heading.
    Heading {
        /// Its text.
        text: String,
    },
    /// A paragraph.
    Paragraph {
        /// Its text.
        text: String,
    },
    /// A bulleted list.
    List {
        /// Each item's text.
        items: Vec<String>,
    },
}

/// A template file split into its front matter and its Markdown body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateSource {
    /// Which agreement this is.
    pub kind: TemplateKind,
    /// The title signers see.
    pub title: String,
    /// Who it is for, in words.
    pub audience: String,
    /// The agreement text, rendered.
    pub blocks: Vec<Block>,
}

impl TemplateSource {
    /// The canonical text signers see: the title, then each block, separated by blank lines.
    pub fn rendered(&self) -> String {
        let mut out = format!("# {}\n", self.title);
        for block in &self.blocks {
            out.push('\n');
            match block {
                Block::Heading { text } => {
                    out.push_str("## ");
                    out.push_str(text);
                    out.push('\n');
                }
                Block::Paragraph { text } => {
                    out.push_str(text);
                    out.push('\n');
                }
                Block::List { items } => {
                    for item in items {
                        out.push_str("- ");
                        out.push_str(item);
                        out.push('\n');
                    }
                }
            }
        }
        out
    }
}

/// How a template file will look once published, for the editor's live preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TemplatePreview {
    /// Which agreement the front matter names.
    pub kind: TemplateKind,
    /// The title signers see.
    pub title: String,
    /// Who it is for.
    pub audience: String,
    /// The text, block by block.
    pub blocks: Vec<Block>,
    /// SHA-256 of the rendered text, as it would be published.
    pub sha256: String,
}

/// Checks a template file and shows how it will look.
pub fn preview(text: &str) -> Result<TemplatePreview, String> {
    let source = parse(text)?;
    let sha256 = sha256_hex(source.rendered());
    Ok(TemplatePreview {
        kind: source.kind,
        title: source.title,
        audience: source.audience,
        blocks: source.blocks,
        sha256,
    })
}

/// Reads a template file: `---` front matter with `kind`, `title` and `audience`, then Markdown.
pub fn parse(text: &str) -> Result<TemplateSource, String> {
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n");
    if text.trim().is_empty() {
        return Err("the template is empty".to_owned());
    }
    let rest = text
        .strip_prefix("---\n")
        .ok_or("the template must start with front matter: a line '---', then kind, title and audience, then '---'")?;
    let (front, body) = rest
        .split_once("\n---\n")
        .or_else(|| rest.strip_suffix("\n---").map(|f| (f, "")))
        .ok_or("the front matter is not closed with a line '---'")?;
    let (mut kind, mut title, mut audience) = (None, None, None);
    for (n, line) in front.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let (key, value) = line
            .split_once(':')
            .ok_or_else(|| format!("front matter line {}: write it as 'key: value'", n + 2))?;
        let value = value.trim().trim_matches('"').trim().to_owned();
        match key.trim() {
            "kind" => kind = Some(TemplateKind::from_code(&value)?),
            "title" => title = Some(value),
            "audience" => audience = Some(value),
            other => {
                return Err(format!(
                    "front matter line {}: '{other}' is not known; use kind, title and audience",
                    n + 2
                ));
            }
        }
    }
    let kind =
        kind.ok_or("the front matter has no kind (ks1, ks2, staff, governor-visitor or parent)")?;
    let title = title
        .filter(|t| !t.is_empty())
        .ok_or("the template has no title")?;
    let blocks = render_markdown(body)?;
    if blocks.is_empty() {
        return Err("the template has a title but no agreement text".to_owned());
    }
    Ok(TemplateSource {
        kind,
        title,
        audience: audience.unwrap_or_default(),
        blocks,
    })
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Markdown to blocks; HTML, images and tables are refused with a reason.
fn render_markdown(body: &str) -> Result<Vec<Block>, String> {
    let mut blocks = Vec::new();
    let mut text = String::new();
    let mut items: Vec<String> = Vec::new();
    let mut in_item = false;
    for event in Parser::new(body) {
        match event {
            Event::Html(_) | Event::InlineHtml(_) => {
                return Err(
                    "templates cannot contain HTML; write plain text, headings and lists"
                        .to_owned(),
                );
            }
            Event::Start(Tag::Image { .. }) => {
                return Err("templates cannot contain images".to_owned());
            }
            Event::Start(Tag::Table(_) | Tag::CodeBlock(_)) => {
                return Err("templates cannot contain tables or code blocks".to_owned());
            }
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => {
                return Err(
                    "use '##' for section headings; the title comes from the front matter"
                        .to_owned(),
                );
            }
            Event::Start(Tag::Item) => {
                in_item = true;
                text.clear();
            }
            Event::End(TagEnd::Item) => {
                in_item = false;
                items.push(collapse(&text));
                text.clear();
            }
            Event::End(TagEnd::List(_)) if !items.is_empty() => {
                blocks.push(Block::List {
                    items: std::mem::take(&mut items),
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                blocks.push(Block::Heading {
                    text: collapse(&text),
                });
                text.clear();
            }
            Event::End(TagEnd::Paragraph) if !in_item => {
                let t = collapse(&text);
                if !t.is_empty() {
                    blocks.push(Block::Paragraph { text: t });
                }
                text.clear();
            }
            // A paragraph inside a list item, or a line break, is a space in the text.
            Event::End(TagEnd::Paragraph) | Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            _ => {}
        }
    }
    Ok(blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "---\nkind: ks2\ntitle: Our computer rules\naudience: Years 3 to 6\n---\nWe keep safe online.\n\n## Passwords\n\n- I keep my password *secret*.\n- I log off when I finish.\n";

    #[test]
    fn renders_headings_paragraphs_and_lists_canonically() {
        let t = parse(GOOD).unwrap();
        assert_eq!(t.kind, TemplateKind::Ks2);
        assert_eq!(
            t.rendered(),
            "# Our computer rules\n\nWe keep safe online.\n\n## Passwords\n\n- I keep my password secret.\n- I log off when I finish.\n"
        );
    }

    #[test]
    fn the_same_text_gives_the_same_hash_and_any_change_another() {
        let a = parse(GOOD).unwrap().rendered();
        let crlf = parse(&GOOD.replace('\n', "\r\n")).unwrap().rendered();
        assert_eq!(
            sha256_hex(&a),
            sha256_hex(&crlf),
            "line endings do not change what signers see"
        );
        let changed = parse(&GOOD.replace("secret", "safe")).unwrap().rendered();
        assert_ne!(sha256_hex(&a), sha256_hex(&changed));
        let comma = parse(&GOOD.replace("online.", "online!"))
            .unwrap()
            .rendered();
        assert_ne!(sha256_hex(&a), sha256_hex(&comma));
        assert_eq!(sha256_hex("").len(), 64);
    }

    #[test]
    fn the_preview_hash_is_the_hash_publishing_will_record() {
        let p = preview(GOOD).unwrap();
        assert_eq!(p.sha256, sha256_hex(parse(GOOD).unwrap().rendered()));
        assert_eq!(p.blocks.len(), 3);
        assert!(preview("---\nkind: ks2\n---\nx").is_err());
    }

    #[test]
    fn bad_templates_are_refused_with_a_reason() {
        let cases = [
            ("", "empty"),
            ("Just text", "front matter"),
            ("---\nkind: ks2\ntitle: T\n", "not closed"),
            ("---\nkind: ks9\ntitle: T\n---\nText\n", "ks9"),
            ("---\nkind: ks2\n---\nText\n", "no title"),
            ("---\nkind: ks2\ntitle: T\n---\n\n", "no agreement text"),
            (
                "---\nkind: ks2\ntitle: T\ncolour: red\n---\nText\n",
                "'colour' is not known",
            ),
            (
                "---\nkind: ks2\ntitle: T\n---\nHello <script>alert(1)</script>\n",
                "cannot contain HTML",
            ),
            (
                "---\nkind: ks2\ntitle: T\n---\n<div>block</div>\n",
                "cannot contain HTML",
            ),
            ("---\nkind: ks2\ntitle: T\n---\n![x](y.png)\n", "images"),
            ("---\nkind: ks2\ntitle: T\n---\n# Big\n", "'##'"),
        ];
        for (text, needle) in cases {
            let err = parse(text).unwrap_err();
            assert!(err.contains(needle), "{text:?}: {err}");
        }
    }
}
