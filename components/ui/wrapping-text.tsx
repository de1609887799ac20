import { Fragment } from "react";

/**
 * Where a URL (or a source that contains one) may wrap: after "//", and after a slash, dot,
 * question mark, ampersand, equals sign, hash, underscore or hyphen, but never between the two
 * slashes of "//". The typographic convention for URLs (break after a separator, never inside a
 * word), where `break-all` split them anywhere ("ht" / "tps://" at 390 px).
 *
 * @example urlParts("https://a.example/x-y") // ["https://", "a.", "example/", "x-", "y"]
 */
export function urlParts(text: string): string[] {
  return text.split(/(?<=\/\/|[.?&=#_-]|[^/]\/)(?!\/)/).filter((p) => p !== "");
}

/**
 * Text with long URLs in it, wrapping at the URLs' separators (`<wbr>`) first, and inside a part
 * only when a part alone is wider than the line (`overflow-wrap: anywhere`, the last resort).
 */
export function WrappingText({ text, className }: { text: string; className?: string }) {
  const parts = urlParts(text);
  return (
    <span className={["[overflow-wrap:anywhere]", className].filter(Boolean).join(" ")}>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </span>
  );
}
