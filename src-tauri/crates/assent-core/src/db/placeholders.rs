//! SQLite's `?1` placeholders in PostgreSQL's `$1` form.
//!
//! The shared SQL is written with SQLite's numbered (`?1`) or bare (`?`)
//! placeholders. PostgreSQL numbers them `$1`, so its driver rewrites each
//! statement once, before preparing it. A `?` inside a string literal, a
//! quoted name or a comment is left alone.

/// `sql` with every placeholder in `$N` form.
pub(super) fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.chars().peekable();
    let mut next_bare = 1u32;
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                out.push(c);
                // Up to the closing quote; a doubled quote is an escaped one
                // and simply closes and reopens.
                for q in chars.by_ref() {
                    out.push(q);
                    if q == c {
                        break;
                    }
                }
            }
            '-' if chars.peek() == Some(&'-') => {
                out.push(c);
                for q in chars.by_ref() {
                    out.push(q);
                    if q == '\n' {
                        break;
                    }
                }
            }
            '?' => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                out.push('$');
                if digits.is_empty() {
                    out.push_str(&next_bare.to_string());
                    next_bare += 1;
                } else {
                    out.push_str(&digits);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::numbered;

    #[test]
    fn numbered_and_bare_placeholders_become_dollar_numbers() {
        assert_eq!(
            numbered("SELECT a FROM t WHERE b = ?1 AND c = ?12 OR d = ?1"),
            "SELECT a FROM t WHERE b = $1 AND c = $12 OR d = $1"
        );
        assert_eq!(numbered("VALUES (?, ?, ?)"), "VALUES ($1, $2, $3)");
    }

    #[test]
    fn a_question_mark_in_text_names_or_comments_stays() {
        assert_eq!(
            numbered("SELECT 'why?', \"odd?name\" -- really?\nFROM t WHERE x = ?1"),
            "SELECT 'why?', \"odd?name\" -- really?\nFROM t WHERE x = $1"
        );
        assert_eq!(numbered("SELECT 'it''s ?' , ?2"), "SELECT 'it''s ?' , $2");
    }
}
