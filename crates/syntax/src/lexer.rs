//! Go's lexer: turns a file's text into tokens, following the Go specification's
//! "Lexical elements" section, including automatic semicolon insertion.
//!
//! The whole file is lexed up front into a [`Lexed`]: the tokens (always ending with
//! [`TokenKind::Eof`]), the spans of every comment (the parser reads `//go:` pragmas,
//! cgo preambles and `//export` lines from them), and the lexical errors. Lexing
//! never fails: a bad character is reported and skipped, a malformed literal is
//! reported and still produces a token, so the parser always sees a well-formed
//! token stream.
//!
//! Semicolon insertion: when a line's last token is an identifier, a literal, one of
//! `break continue fallthrough return`, or one of `++ -- ) ] }`, a semicolon is inserted
//! at the end of the line (or before the end of the file). A line comment ends a line;
//! a block comment ends one only if it contains a newline. An inserted semicolon is an
//! empty span at the newline (or comment, or end of file) that caused it — see
//! [`Token::is_inserted_semicolon`].
//!
//! Literal values are decoded here: string literals to their bytes (escapes such as
//! `\xff` may produce invalid UTF-8), rune literals to their code point. Numbers are
//! validated but kept as their source text, which the type checker converts exactly.
//!
//! Identifiers: the spec's `unicode_letter` and `unicode_digit` are approximated by
//! Rust's `char::is_alphabetic` and `char::is_numeric` (which also admit a few
//! combining marks and non-decimal numerals); everything ASCII is exact.

use crate::source::{Diagnostic, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Eof,

    Ident,
    Int,
    Float,
    Imag,
    Char,
    String,

    // Keywords.
    Break,
    Case,
    Chan,
    Const,
    Continue,
    Default,
    Defer,
    Else,
    Fallthrough,
    For,
    Func,
    Go,
    Goto,
    If,
    Import,
    Interface,
    Map,
    Package,
    Range,
    Return,
    Select,
    Struct,
    Switch,
    Type,
    Var,

    // Operators and punctuation.
    Add,
    Sub,
    Mul,
    Quo,
    Rem,
    And,
    Or,
    Xor,
    Shl,
    Shr,
    AndNot,
    AddAssign,
    SubAssign,
    MulAssign,
    QuoAssign,
    RemAssign,
    AndAssign,
    OrAssign,
    XorAssign,
    ShlAssign,
    ShrAssign,
    AndNotAssign,
    LAnd,
    LOr,
    Arrow,
    Inc,
    Dec,
    Eql,
    Neq,
    Lss,
    Leq,
    Gtr,
    Geq,
    Assign,
    Define,
    Not,
    Tilde,
    Ellipsis,
    LParen,
    RParen,
    LBrack,
    RBrack,
    LBrace,
    RBrace,
    Comma,
    Period,
    Semicolon,
    Colon,
}

const KEYWORDS: &[(&str, TokenKind)] = &[
    ("break", TokenKind::Break),
    ("case", TokenKind::Case),
    ("chan", TokenKind::Chan),
    ("const", TokenKind::Const),
    ("continue", TokenKind::Continue),
    ("default", TokenKind::Default),
    ("defer", TokenKind::Defer),
    ("else", TokenKind::Else),
    ("fallthrough", TokenKind::Fallthrough),
    ("for", TokenKind::For),
    ("func", TokenKind::Func),
    ("go", TokenKind::Go),
    ("goto", TokenKind::Goto),
    ("if", TokenKind::If),
    ("import", TokenKind::Import),
    ("interface", TokenKind::Interface),
    ("map", TokenKind::Map),
    ("package", TokenKind::Package),
    ("range", TokenKind::Range),
    ("return", TokenKind::Return),
    ("select", TokenKind::Select),
    ("struct", TokenKind::Struct),
    ("switch", TokenKind::Switch),
    ("type", TokenKind::Type),
    ("var", TokenKind::Var),
];

/// Every operator and punctuation token, longest spellings first so that the first
/// prefix match is the longest one (the spec's "longest sequence of characters" rule).
const OPERATORS: &[(&str, TokenKind)] = &[
    ("<<=", TokenKind::ShlAssign),
    (">>=", TokenKind::ShrAssign),
    ("&^=", TokenKind::AndNotAssign),
    ("...", TokenKind::Ellipsis),
    ("+=", TokenKind::AddAssign),
    ("-=", TokenKind::SubAssign),
    ("*=", TokenKind::MulAssign),
    ("/=", TokenKind::QuoAssign),
    ("%=", TokenKind::RemAssign),
    ("&=", TokenKind::AndAssign),
    ("|=", TokenKind::OrAssign),
    ("^=", TokenKind::XorAssign),
    ("<<", TokenKind::Shl),
    (">>", TokenKind::Shr),
    ("&^", TokenKind::AndNot),
    ("&&", TokenKind::LAnd),
    ("||", TokenKind::LOr),
    ("<-", TokenKind::Arrow),
    ("++", TokenKind::Inc),
    ("--", TokenKind::Dec),
    ("==", TokenKind::Eql),
    ("!=", TokenKind::Neq),
    ("<=", TokenKind::Leq),
    (">=", TokenKind::Geq),
    (":=", TokenKind::Define),
    ("+", TokenKind::Add),
    ("-", TokenKind::Sub),
    ("*", TokenKind::Mul),
    ("/", TokenKind::Quo),
    ("%", TokenKind::Rem),
    ("&", TokenKind::And),
    ("|", TokenKind::Or),
    ("^", TokenKind::Xor),
    ("<", TokenKind::Lss),
    (">", TokenKind::Gtr),
    ("=", TokenKind::Assign),
    ("!", TokenKind::Not),
    ("~", TokenKind::Tilde),
    ("(", TokenKind::LParen),
    (")", TokenKind::RParen),
    ("[", TokenKind::LBrack),
    ("]", TokenKind::RBrack),
    ("{", TokenKind::LBrace),
    ("}", TokenKind::RBrace),
    (",", TokenKind::Comma),
    (".", TokenKind::Period),
    (";", TokenKind::Semicolon),
    (":", TokenKind::Colon),
];

impl TokenKind {
    /// Go's spelling of a keyword, operator or punctuation token; for the other kinds
    /// (identifiers, literals, end of file) a word naming the kind.
    pub fn as_str(self) -> &'static str {
        let fixed = KEYWORDS.iter().chain(OPERATORS).find(|&&(_, kind)| kind == self);
        match (fixed, self) {
            (Some(&(text, _)), _) => text,
            (None, TokenKind::Eof) => "EOF",
            (None, TokenKind::Ident) => "name",
            (None, _) => "literal",
        }
    }

    pub fn is_keyword(self) -> bool {
        KEYWORDS.iter().any(|&(_, kind)| kind == self)
    }

    pub fn is_literal(self) -> bool {
        matches!(
            self,
            TokenKind::Int | TokenKind::Float | TokenKind::Imag | TokenKind::Char | TokenKind::String
        )
    }
}

/// The decoded value of a rune or string literal token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LiteralValue {
    None,
    Rune(u32),
    Bytes(Vec<u8>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
    pub value: LiteralValue,
}

impl Token {
    /// A semicolon the lexer inserted at a line end or at the end of the file (these
    /// have an empty span; a written `;` has a one-byte span).
    pub fn is_inserted_semicolon(&self) -> bool {
        self.kind == TokenKind::Semicolon && self.span.lo == self.span.hi
    }
}

/// The result of lexing one file.
#[derive(Clone, Debug, Default)]
pub struct Lexed {
    /// All tokens in source order; the last one is always `Eof`.
    pub tokens: Vec<Token>,
    /// The span of every comment in source order, markers (`//`, `/* */`) included.
    pub comments: Vec<Span>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Lexes a whole file.
pub fn tokenize(text: &str) -> Lexed {
    let mut lexer = Lexer { text, bytes: text.as_bytes(), pos: 0, insert_semicolon: false, out: Lexed::default() };
    lexer.run();
    lexer.out
}

struct Lexer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Whether a newline here would end the statement (the last token was one of those
    /// listed in the spec's semicolon rule 1).
    insert_semicolon: bool,
    out: Lexed,
}

/// A decoded escape sequence: `\x`/octal escapes denote a byte, the others a code point.
enum Escaped {
    Byte(u8),
    CodePoint(char),
}

impl<'a> Lexer<'a> {
    fn run(&mut self) {
        const BYTE_ORDER_MARK: &str = "\u{feff}";
        if self.text.starts_with(BYTE_ORDER_MARK) {
            self.pos = BYTE_ORDER_MARK.len();
        }
        loop {
            if let Some(at) = self.skip_whitespace_and_comments() {
                self.insert_semicolon = false;
                self.push(TokenKind::Semicolon, at, at, LiteralValue::None);
                continue;
            }
            if self.pos >= self.bytes.len() {
                let end = self.bytes.len();
                self.push(TokenKind::Eof, end, end, LiteralValue::None);
                return;
            }
            self.scan_token();
        }
    }

    fn push(&mut self, kind: TokenKind, lo: usize, hi: usize, value: LiteralValue) {
        self.out.tokens.push(Token { kind, span: span(lo, hi), value });
    }

    fn error(&mut self, lo: usize, hi: usize, message: impl Into<String>) {
        self.out.diagnostics.push(Diagnostic::new(span(lo, hi), message));
    }

    fn byte_at(&self, pos: usize) -> u8 {
        self.bytes.get(pos).copied().unwrap_or(0)
    }

    fn char_at(&self, pos: usize) -> Option<char> {
        self.text.get(pos..).and_then(|rest| rest.chars().next())
    }

    /// Skips blanks and comments. Returns the position of a semicolon to insert when a
    /// line (or the file) ends right after a token that allows one.
    fn skip_whitespace_and_comments(&mut self) -> Option<usize> {
        loop {
            match self.byte_at(self.pos) {
                b' ' | b'\t' | b'\r' => self.pos += 1,
                b'\n' => {
                    let at = self.pos;
                    self.pos += 1;
                    if self.insert_semicolon {
                        return Some(at);
                    }
                }
                b'/' if self.byte_at(self.pos + 1) == b'/' => {
                    let start = self.pos;
                    let end = self.text[start..].find('\n').map_or(self.bytes.len(), |n| start + n);
                    self.pos = end;
                    self.out.comments.push(span(start, end));
                    if self.insert_semicolon {
                        return Some(start);
                    }
                }
                b'/' if self.byte_at(self.pos + 1) == b'*' => {
                    let start = self.pos;
                    let end = match self.text[start + 2..].find("*/") {
                        Some(n) => start + 2 + n + 2,
                        None => {
                            self.error(start, start + 2, "comment not terminated");
                            self.bytes.len()
                        }
                    };
                    self.pos = end;
                    self.out.comments.push(span(start, end));
                    if self.insert_semicolon && self.text[start..end].contains('\n') {
                        return Some(start);
                    }
                }
                _ if self.pos >= self.bytes.len() && self.insert_semicolon => return Some(self.pos),
                _ => return None,
            }
        }
    }

    fn scan_token(&mut self) {
        let start = self.pos;
        let Some(c) = self.char_at(start) else {
            // Unreachable for valid offsets; stop lexing rather than loop.
            self.pos = self.bytes.len();
            return;
        };
        if is_letter(c) {
            self.scan_identifier_or_keyword();
        } else if c.is_ascii_digit() || (c == '.' && self.byte_at(start + 1).is_ascii_digit()) {
            self.scan_number();
        } else if c == '"' {
            self.scan_interpreted_string();
        } else if c == '`' {
            self.scan_raw_string();
        } else if c == '\'' {
            self.scan_rune();
        } else if let Some(&(text, kind)) = OPERATORS
            .iter()
            .find(|(text, _)| text.as_bytes()[0] == self.bytes[start] && self.text[start..].starts_with(text))
        {
            self.pos += text.len();
            self.push(kind, start, self.pos, LiteralValue::None);
            self.insert_semicolon =
                matches!(kind, TokenKind::Inc | TokenKind::Dec | TokenKind::RParen | TokenKind::RBrack | TokenKind::RBrace);
        } else {
            self.pos += c.len_utf8();
            let message = match c {
                '\0' => "invalid NUL character".to_string(),
                '\u{feff}' => "invalid BOM in the middle of the file".to_string(),
                _ if c.is_numeric() => format!("identifier cannot begin with digit {}", describe_char(c)),
                _ => format!("invalid character {}", describe_char(c)),
            };
            self.error(start, self.pos, message);
        }
    }

    fn scan_identifier_or_keyword(&mut self) {
        let start = self.pos;
        while let Some(c) = self.char_at(self.pos) {
            if !(is_letter(c) || c.is_numeric()) {
                break;
            }
            self.pos += c.len_utf8();
        }
        let word = &self.text[start..self.pos];
        let kind = KEYWORDS.iter().find(|&&(text, _)| text == word).map_or(TokenKind::Ident, |&(_, kind)| kind);
        self.insert_semicolon = matches!(
            kind,
            TokenKind::Ident | TokenKind::Break | TokenKind::Continue | TokenKind::Fallthrough | TokenKind::Return
        );
        self.push(kind, start, self.pos, LiteralValue::None);
    }

    /// Integer, floating-point and imaginary literals, in every base, with `_`
    /// separators; the structure follows the spec's `int_lit`/`float_lit` grammar.
    fn scan_number(&mut self) {
        let start = self.pos;
        let mut kind = TokenKind::Int;
        let mut base = 10;
        let mut prefix = NumberPrefix::Decimal;
        let mut digits = DigitsSeen::default();
        let mut invalid_digit = None;

        if self.byte_at(self.pos) != b'.' {
            if self.byte_at(self.pos) == b'0' {
                self.pos += 1;
                match self.byte_at(self.pos).to_ascii_lowercase() {
                    b'x' => (base, prefix) = (16, NumberPrefix::Hex),
                    b'o' => (base, prefix) = (8, NumberPrefix::Octal),
                    b'b' => (base, prefix) = (2, NumberPrefix::Binary),
                    _ => {
                        (base, prefix) = (8, NumberPrefix::LegacyOctal);
                        digits.digit = true; // the leading 0 itself
                    }
                }
                if prefix != NumberPrefix::LegacyOctal {
                    self.pos += 1;
                }
            }
            digits.merge(self.scan_digits(base, &mut invalid_digit));
        }
        if self.byte_at(self.pos) == b'.' {
            kind = TokenKind::Float;
            if matches!(prefix, NumberPrefix::Octal | NumberPrefix::Binary) {
                self.error(self.pos, self.pos + 1, format!("invalid radix point in {}", prefix.literal_name()));
            }
            self.pos += 1;
            digits.merge(self.scan_digits(base, &mut invalid_digit));
        }
        if !digits.digit {
            self.error(start, self.pos, format!("{} has no digits", prefix.literal_name()));
        }
        let exponent = self.byte_at(self.pos).to_ascii_lowercase();
        if exponent == b'e' || exponent == b'p' {
            let letter = self.byte_at(self.pos) as char;
            if exponent == b'e' && !matches!(prefix, NumberPrefix::Decimal | NumberPrefix::LegacyOctal) {
                self.error(self.pos, self.pos + 1, format!("'{letter}' exponent requires decimal mantissa"));
            } else if exponent == b'p' && prefix != NumberPrefix::Hex {
                self.error(self.pos, self.pos + 1, format!("'{letter}' exponent requires hexadecimal mantissa"));
            }
            self.pos += 1;
            kind = TokenKind::Float;
            if matches!(self.byte_at(self.pos), b'+' | b'-') {
                self.pos += 1;
            }
            let exponent_digits = self.scan_digits(10, &mut None);
            if !exponent_digits.digit {
                self.error(start, self.pos, "exponent has no digits");
            }
            digits.merge(exponent_digits);
        } else if prefix == NumberPrefix::Hex && kind == TokenKind::Float {
            self.error(start, self.pos, "hexadecimal mantissa requires a 'p' exponent");
        }
        if self.byte_at(self.pos) == b'i' {
            kind = TokenKind::Imag;
            self.pos += 1;
        }
        if kind == TokenKind::Int {
            if let Some(at) = invalid_digit {
                let digit = self.byte_at(at) as char;
                self.error(at, at + 1, format!("invalid digit '{digit}' in {}", prefix.literal_name()));
            }
        }
        if digits.separator {
            if let Some(offset) = misplaced_separator(&self.text[start..self.pos]) {
                self.error(start + offset, start + offset + 1, "'_' must separate successive digits");
            }
        }
        self.insert_semicolon = true;
        self.push(kind, start, self.pos, LiteralValue::None);
    }

    /// Scans digits and `_`s. Decimal digits too large for `base` (8 or 2) are
    /// accepted, the first one remembered in `invalid_digit` (a legacy-octal-looking
    /// `089.5` is a valid float, so the verdict waits until the literal's kind is known).
    fn scan_digits(&mut self, base: u32, invalid_digit: &mut Option<usize>) -> DigitsSeen {
        let mut seen = DigitsSeen::default();
        loop {
            let b = self.byte_at(self.pos);
            if b == b'_' {
                seen.separator = true;
            } else if base == 16 && b.is_ascii_hexdigit() || base != 16 && b.is_ascii_digit() {
                seen.digit = true;
                if (b - b'0') as u32 >= base && base != 16 && invalid_digit.is_none() {
                    *invalid_digit = Some(self.pos);
                }
            } else {
                return seen;
            }
            self.pos += 1;
        }
    }

    fn scan_interpreted_string(&mut self) {
        let start = self.pos;
        self.pos += 1;
        let mut bytes = Vec::new();
        loop {
            match self.byte_at(self.pos) {
                _ if self.pos >= self.bytes.len() => {
                    self.error(start, self.pos, "string literal not terminated");
                    break;
                }
                b'\n' => {
                    self.error(start, self.pos, "newline in string");
                    break;
                }
                b'"' => {
                    self.pos += 1;
                    break;
                }
                b'\\' => match self.scan_escape(b'"') {
                    Some(Escaped::Byte(b)) => bytes.push(b),
                    Some(Escaped::CodePoint(c)) => bytes.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
                    None => {}
                },
                b => {
                    // Bytes of a multi-byte character are all >= 0x80, so copying
                    // byte by byte keeps the UTF-8 intact.
                    bytes.push(b);
                    self.pos += 1;
                }
            }
        }
        self.insert_semicolon = true;
        self.push(TokenKind::String, start, self.pos, LiteralValue::Bytes(bytes));
    }

    /// Raw strings: everything up to the closing back quote, minus carriage returns.
    fn scan_raw_string(&mut self) {
        let start = self.pos;
        let (body_end, end) = match self.text[start + 1..].find('`') {
            Some(n) => (start + 1 + n, start + 1 + n + 1),
            None => {
                self.error(start, self.bytes.len(), "raw string literal not terminated");
                (self.bytes.len(), self.bytes.len())
            }
        };
        let bytes = self.bytes[start + 1..body_end].iter().copied().filter(|&b| b != b'\r').collect();
        self.pos = end;
        self.insert_semicolon = true;
        self.push(TokenKind::String, start, end, LiteralValue::Bytes(bytes));
    }

    fn scan_rune(&mut self) {
        let start = self.pos;
        self.pos += 1;
        let mut count = 0;
        let mut value = 0u32;
        let mut valid = true;
        loop {
            match self.byte_at(self.pos) {
                _ if self.pos >= self.bytes.len() => {
                    self.error(start, self.pos, "rune literal not terminated");
                    valid = false;
                    break;
                }
                b'\n' => {
                    self.error(start, self.pos, "rune literal not terminated");
                    valid = false;
                    break;
                }
                b'\'' => {
                    self.pos += 1;
                    break;
                }
                b'\\' => {
                    match self.scan_escape(b'\'') {
                        Some(Escaped::Byte(b)) if count == 0 => value = b as u32,
                        Some(Escaped::CodePoint(c)) if count == 0 => value = c as u32,
                        Some(_) => {}
                        None => valid = false,
                    }
                    count += 1;
                }
                _ => {
                    let c = self.char_at(self.pos).unwrap_or('\u{fffd}');
                    if count == 0 {
                        value = c as u32;
                    }
                    count += 1;
                    self.pos += c.len_utf8();
                }
            }
        }
        if valid && count != 1 {
            let message = if count == 0 {
                "empty rune literal or unescaped ' in rune literal"
            } else {
                "more than one character in rune literal"
            };
            self.error(start, self.pos, message);
        }
        self.insert_semicolon = true;
        self.push(TokenKind::Char, start, self.pos, LiteralValue::Rune(value));
    }

    /// Decodes the escape sequence at `self.pos` (which is the backslash) inside a
    /// literal delimited by `quote`. Reports an error and returns `None` if it is
    /// malformed, leaving the offending character unconsumed (it may be the closing
    /// quote or a newline, which the caller must see).
    fn scan_escape(&mut self, quote: u8) -> Option<Escaped> {
        let start = self.pos;
        self.pos += 1;
        let simple = match self.byte_at(self.pos) {
            b'a' => Some(0x07),
            b'b' => Some(0x08),
            b'f' => Some(0x0c),
            b'n' => Some(b'\n'),
            b'r' => Some(b'\r'),
            b't' => Some(b'\t'),
            b'v' => Some(0x0b),
            b'\\' => Some(b'\\'),
            b if b == quote => Some(quote),
            _ => None,
        };
        if let Some(b) = simple {
            self.pos += 1;
            return Some(Escaped::CodePoint(b as char));
        }
        let (digit_count, base, max) = match self.byte_at(self.pos) {
            b'0'..=b'7' => (3, 8, 255),
            b'x' => (2, 16, 255),
            b'u' => (4, 16, char::MAX as u32),
            b'U' => (8, 16, char::MAX as u32),
            _ => {
                let message =
                    if self.pos >= self.bytes.len() { "escape sequence not terminated" } else { "invalid escape sequence" };
                let width = self.char_at(self.pos).map_or(0, char::len_utf8);
                self.error(start, self.pos + width, message);
                return None;
            }
        };
        let is_byte_escape = base == 8 || self.byte_at(self.pos) == b'x';
        if base == 16 {
            self.pos += 1;
        }
        let mut value: u32 = 0;
        for _ in 0..digit_count {
            let c = self.char_at(self.pos);
            match c.and_then(|c| c.to_digit(base)) {
                Some(d) => value = value * base + d,
                None => {
                    let message = match c {
                        None => "escape sequence not terminated".to_string(),
                        Some(c) => format!("invalid character {} in escape sequence", describe_char(c)),
                    };
                    self.error(self.pos, self.pos + c.map_or(0, char::len_utf8), message);
                    return None;
                }
            }
            self.pos += 1;
        }
        if value > max || (0xD800..0xE000).contains(&value) && !is_byte_escape {
            self.error(start, self.pos, "escape sequence is invalid Unicode code point");
            return None;
        }
        if is_byte_escape {
            Some(Escaped::Byte(value as u8))
        } else {
            // In range and not a surrogate, checked above.
            char::from_u32(value).map(Escaped::CodePoint)
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum NumberPrefix {
    Decimal,
    /// `0` followed by more digits: the pre-`0o` octal form.
    LegacyOctal,
    Octal,
    Hex,
    Binary,
}

impl NumberPrefix {
    fn literal_name(self) -> &'static str {
        match self {
            NumberPrefix::Decimal => "decimal literal",
            NumberPrefix::LegacyOctal | NumberPrefix::Octal => "octal literal",
            NumberPrefix::Hex => "hexadecimal literal",
            NumberPrefix::Binary => "binary literal",
        }
    }
}

#[derive(Clone, Copy, Default)]
struct DigitsSeen {
    digit: bool,
    separator: bool,
}

impl DigitsSeen {
    fn merge(&mut self, other: DigitsSeen) {
        self.digit |= other.digit;
        self.separator |= other.separator;
    }
}

/// The offset of the first `_` in a number literal that does not sit between two
/// digits (a base prefix such as `0x` counts as a digit), if any.
fn misplaced_separator(literal: &str) -> Option<usize> {
    #[derive(Clone, Copy, PartialEq)]
    enum Previous {
        Digit,
        Separator,
        Other,
    }
    let bytes = literal.as_bytes();
    let mut hex = false;
    let mut previous = Previous::Other;
    let mut i = 0;
    if bytes.len() >= 2 && bytes[0] == b'0' && matches!(bytes[1].to_ascii_lowercase(), b'x' | b'o' | b'b') {
        hex = bytes[1].eq_ignore_ascii_case(&b'x');
        previous = Previous::Digit;
        i = 2;
    }
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'_' {
            if previous != Previous::Digit {
                return Some(i);
            }
            previous = Previous::Separator;
        } else if b.is_ascii_digit() || hex && b.is_ascii_hexdigit() {
            previous = Previous::Digit;
        } else {
            if previous == Previous::Separator {
                return Some(i - 1);
            }
            previous = Previous::Other;
        }
        i += 1;
    }
    (previous == Previous::Separator).then(|| bytes.len() - 1)
}

fn is_letter(c: char) -> bool {
    c == '_' || c.is_ascii_alphabetic() || !c.is_ascii() && c.is_alphabetic()
}

/// Go's `%#U` formatting: `U+0040 '@'`.
fn describe_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        format!("U+{:04X}", c as u32)
    } else {
        format!("U+{:04X} '{c}'", c as u32)
    }
}

fn span(lo: usize, hi: usize) -> Span {
    Span::new(lo as u32, hi as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use TokenKind::*;

    fn kinds(text: &str) -> Vec<TokenKind> {
        let lexed = tokenize(text);
        assert!(lexed.diagnostics.is_empty(), "{:?}", lexed.diagnostics);
        lexed.tokens.iter().map(|t| t.kind).collect()
    }

    fn single(text: &str) -> Token {
        let lexed = tokenize(text);
        assert!(lexed.diagnostics.is_empty(), "{text}: {:?}", lexed.diagnostics);
        assert_eq!(lexed.tokens.len(), 3, "{text}: {:?}", lexed.tokens); // token, `;`, EOF
        lexed.tokens[0].clone()
    }

    fn errors(text: &str) -> Vec<std::string::String> {
        tokenize(text).diagnostics.into_iter().map(|d| d.message).collect()
    }

    fn string_value(text: &str) -> Vec<u8> {
        match single(text).value {
            LiteralValue::Bytes(bytes) => bytes,
            other => panic!("{text}: {other:?}"),
        }
    }

    fn rune_value(text: &str) -> u32 {
        match single(text).value {
            LiteralValue::Rune(r) => r,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn semicolons_are_inserted_after_the_tokens_the_spec_lists() {
        for line in ["x", "1", "1.5", "2i", "'a'", "\"s\"", "`r`", "break", "continue", "fallthrough", "return", "x++", "x--", "f()", "a[0]", "T{}"] {
            let toks = tokenize(&format!("{line}\ny"));
            assert!(toks.diagnostics.is_empty());
            let semi = toks.tokens.iter().position(|t| t.kind == Semicolon).expect(line);
            assert!(toks.tokens[semi].is_inserted_semicolon());
            assert_eq!(toks.tokens[semi + 1].kind, Ident, "{line}");
        }
        for line in ["x +", "x,", "(", "{", "[", "func", "x =", "if", "x.", "x :="] {
            let toks = tokenize(&format!("{line}\ny")).tokens;
            let before_y = &toks[..toks.len() - 3]; // `y`, its `;`, EOF
            assert!(!before_y.iter().any(|t| t.kind == Semicolon), "{line}");
        }
    }

    #[test]
    fn semicolon_is_inserted_before_eof_and_line_comments() {
        assert_eq!(kinds("return"), vec![Return, Semicolon, Eof]);
        assert_eq!(kinds("x // comment\n"), vec![Ident, Semicolon, Eof]);
        assert_eq!(kinds("x // comment"), vec![Ident, Semicolon, Eof]);
        assert_eq!(kinds("x /* one line */ + y"), vec![Ident, Add, Ident, Semicolon, Eof]);
        assert_eq!(kinds("x /* two\nlines */ y"), vec![Ident, Semicolon, Ident, Semicolon, Eof]);
        assert_eq!(kinds("x;"), vec![Ident, Semicolon, Eof]);
        assert!(!tokenize("x;").tokens[1].is_inserted_semicolon());
    }

    #[test]
    fn comments_are_recorded_with_their_spans() {
        let text = "//go:nosplit\nfunc /* c */ f()";
        let lexed = tokenize(text);
        let comments: Vec<&str> = lexed.comments.iter().map(|s| &text[s.lo as usize..s.hi as usize]).collect();
        assert_eq!(comments, ["//go:nosplit", "/* c */"]);
    }

    #[test]
    fn operators_take_the_longest_match() {
        assert_eq!(
            kinds("&^ &^= <- ... := << <<= >>= && || ++ -- != <= >= == & ^ ~"),
            vec![AndNot, AndNotAssign, Arrow, Ellipsis, Define, Shl, ShlAssign, ShrAssign, LAnd, LOr, Inc, Dec, Neq, Leq, Geq, Eql, And, Xor, Tilde, Eof]
        );
        assert_eq!(kinds("a.b"), vec![Ident, Period, Ident, Semicolon, Eof]);
        assert_eq!(kinds("x.. y"), vec![Ident, Period, Period, Ident, Semicolon, Eof]);
    }

    #[test]
    fn keywords_and_unicode_identifiers() {
        assert_eq!(kinds("func chan map interface"), vec![Func, Chan, Map, Interface, Eof]);
        assert_eq!(kinds("αβ _x x9 ünïcode"), vec![Ident, Ident, Ident, Ident, Semicolon, Eof]);
    }

    #[test]
    fn integer_literals() {
        for text in ["0", "42", "1_000_000", "0x1F", "0XbadFace", "0x_1f", "0o17", "0O17", "017", "0b101", "0B_1", "0_17"] {
            assert_eq!(single(text).kind, Int, "{text}");
        }
    }

    #[test]
    fn float_and_imaginary_literals() {
        for text in ["1.5", "1.", ".5", "1e3", "1E+3", "1.5e-3", "089.5", "0x1p-2", "0x1.8P3", "0x.8p1", "1_0.2_5", "0e0"] {
            assert_eq!(single(text).kind, Float, "{text}");
        }
        for text in ["2i", "1.5i", "0x1p2i", "0i", "0123i", "1e3i"] {
            assert_eq!(single(text).kind, Imag, "{text}");
        }
    }

    #[test]
    fn malformed_numbers_are_reported() {
        assert_eq!(errors("0x"), ["hexadecimal literal has no digits"]);
        assert_eq!(errors("09"), ["invalid digit '9' in octal literal"]);
        assert_eq!(errors("0b102"), ["invalid digit '2' in binary literal"]);
        assert_eq!(errors("1__0"), ["'_' must separate successive digits"]);
        assert_eq!(errors("1_"), ["'_' must separate successive digits"]);
        assert_eq!(errors("1e"), ["exponent has no digits"]);
        assert_eq!(errors("0x1.5"), ["hexadecimal mantissa requires a 'p' exponent"]);
        assert_eq!(errors("1p3"), ["'p' exponent requires hexadecimal mantissa"]);
        assert_eq!(errors("0b1.0"), ["invalid radix point in binary literal"]);
    }

    #[test]
    fn string_escapes_decode_to_bytes() {
        assert_eq!(string_value(r#""a\a\b\f\n\r\t\v\\\"z""#), b"a\x07\x08\x0c\n\r\t\x0b\\\"z");
        assert_eq!(string_value(r#""\101\x41\u0041\U00000041""#), b"AAAA");
        assert_eq!(string_value(r#""\xff\377""#), [0xff, 0xff]);
        assert_eq!(string_value(r#""\u00e9""#), "é".as_bytes());
        assert_eq!(string_value("\"日本\""), "日本".as_bytes());
        assert_eq!(string_value("`a\\n\r\nb`"), b"a\\n\nb");
        assert_eq!(string_value("``"), b"");
    }

    #[test]
    fn rune_literals_decode_to_code_points() {
        assert_eq!(rune_value("'a'"), 'a' as u32);
        assert_eq!(rune_value("'日'"), '日' as u32);
        assert_eq!(rune_value(r"'\''"), '\'' as u32);
        assert_eq!(rune_value(r"'\n'"), 10);
        assert_eq!(rune_value(r"'\x7f'"), 0x7f);
        assert_eq!(rune_value(r"'\377'"), 255);
        assert_eq!(rune_value(r"'\u12e4'"), 0x12e4);
        assert_eq!(rune_value(r"'\U00101234'"), 0x101234);
    }

    #[test]
    fn malformed_literals_are_reported_not_panicked_on() {
        assert_eq!(errors("x @"), ["invalid character U+0040 '@'"]);
        assert_eq!(errors("\"abc\nx"), ["newline in string"]);
        assert_eq!(errors("\"abc"), ["string literal not terminated"]);
        assert_eq!(errors("`abc"), ["raw string literal not terminated"]);
        assert_eq!(errors("'a"), ["rune literal not terminated"]);
        assert_eq!(errors("'ab'"), ["more than one character in rune literal"]);
        assert_eq!(errors("''"), ["empty rune literal or unescaped ' in rune literal"]);
        assert_eq!(errors(r#""\q""#), ["invalid escape sequence"]);
        assert_eq!(errors(r"'\''"), Vec::<std::string::String>::new());
        assert_eq!(errors(r#"'\"'"#), ["invalid escape sequence"]);
        assert_eq!(errors(r#""\'""#), ["invalid escape sequence"]);
        assert_eq!(errors(r#""\uD800""#), ["escape sequence is invalid Unicode code point"]);
        assert_eq!(errors(r#""\U00110000""#), ["escape sequence is invalid Unicode code point"]);
        assert_eq!(errors(r#""\x4""#), ["invalid character U+0022 '\"' in escape sequence"]);
        assert_eq!(errors("/* open"), ["comment not terminated"]);
        assert_eq!(errors("\"\\"), ["escape sequence not terminated", "string literal not terminated"]);
    }

    #[test]
    fn spans_are_byte_offsets() {
        let lexed = tokenize("a := \"é\"");
        let spans: Vec<(u32, u32)> = lexed.tokens.iter().map(|t| (t.span.lo, t.span.hi)).collect();
        assert_eq!(spans, [(0, 1), (2, 4), (5, 9), (9, 9), (9, 9)]);
    }
}
