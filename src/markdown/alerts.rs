//! GitHub's alerts (`> [!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`,
//! `[!CAUTION]`) as callouts: the class names GitHub uses, an icon, and a
//! title in words, so the kind is never told by colour alone.

use pulldown_cmark::BlockQuoteKind;

/// The opening of a callout of `kind`, up to where its content goes.
pub fn open(kind: BlockQuoteKind) -> String {
    let (class, title, icon) = match kind {
        BlockQuoteKind::Note => ("note", "Note", NOTE),
        BlockQuoteKind::Tip => ("tip", "Tip", TIP),
        BlockQuoteKind::Important => ("important", "Important", IMPORTANT),
        BlockQuoteKind::Warning => ("warning", "Warning", WARNING),
        BlockQuoteKind::Caution => ("caution", "Caution", CAUTION),
    };
    format!(
        "<div class=\"markdown-alert markdown-alert-{class}\" role=\"note\">\n\
         <p class=\"markdown-alert-title\"><svg class=\"alert-icon\" viewBox=\"0 0 16 16\" \
         width=\"16\" height=\"16\" aria-hidden=\"true\" fill=\"none\" stroke=\"currentColor\" \
         stroke-width=\"1.5\" stroke-linecap=\"round\" stroke-linejoin=\"round\">{icon}</svg>{title}</p>\n"
    )
}

/// The end of a callout.
pub const CLOSE: &str = "</div>\n";

/// A circle with an "i".
const NOTE: &str = "<circle cx=\"8\" cy=\"8\" r=\"6.5\"/><path d=\"M8 7.25v4\"/><circle cx=\"8\" cy=\"4.75\" r=\".6\" fill=\"currentColor\"/>";
/// A light bulb.
const TIP: &str = "<path d=\"M8 1.75a4.25 4.25 0 0 0-2.6 7.6c.55.45.85 1 .85 1.65v.5h3.5V11c0-.65.3-1.2.85-1.65A4.25 4.25 0 0 0 8 1.75z\"/><path d=\"M6.5 14.25h3\"/>";
/// A speech bubble with an exclamation mark.
const IMPORTANT: &str = "<path d=\"M2 2.25h12v8.5H8.5l-3 2.75v-2.75H2z\"/><path d=\"M8 4.5v3\"/><circle cx=\"8\" cy=\"9.1\" r=\".6\" fill=\"currentColor\"/>";
/// A triangle with an exclamation mark.
const WARNING: &str = "<path d=\"M8 1.75 14.75 14H1.25z\"/><path d=\"M8 6v3.75\"/><circle cx=\"8\" cy=\"11.9\" r=\".6\" fill=\"currentColor\"/>";
/// An octagon with an exclamation mark.
const CAUTION: &str = "<path d=\"M5.25 1.5h5.5l3.75 3.75v5.5l-3.75 3.75h-5.5L1.5 10.75v-5.5z\"/><path d=\"M8 4.75v3.75\"/><circle cx=\"8\" cy=\"11\" r=\".6\" fill=\"currentColor\"/>";
