import { imageSize } from "image-size";
import type { ISizeCalculationResult } from "image-size/dist/types/interface";

// A practice's logo (decision 042): printed on the reports its members produce for clients, so it
// is opened by the report renderer's Chromium. Only PNG and JPEG are taken (never SVG, which can
// carry scripts and links), recognised by their bytes rather than by the file's name or the
// browser's word, with limits on the file and on the picture: a small file can still declare a
// picture of 30,000 x 30,000 pixels that would take the renderer's memory to decode.

import { LOGO_MAX_BYTES, LOGO_MAX_PIXELS } from "@/lib/practices/logo-limits";

export { LOGO_MAX_BYTES, LOGO_MAX_PIXELS };

export type LogoType = "image/png" | "image/jpeg";

const MEDIA_TYPE: Record<string, LogoType> = { png: "image/png", jpg: "image/jpeg" };

/** What is wrong with a logo file, in words for the person who chose it, or its media type and size. */
export function checkLogo(bytes: Uint8Array): { ok: true; type: LogoType; width: number; height: number } | { ok: false; message: string } {
  if (bytes.byteLength === 0) return { ok: false, message: "The file is empty." };
  if (bytes.byteLength > LOGO_MAX_BYTES) return { ok: false, message: `The file is ${kib(bytes.byteLength)}; a logo may be at most ${kib(LOGO_MAX_BYTES)}.` };
  let size: ISizeCalculationResult;
  try {
    // A Uint8Array, never a string: image-size reads a string as a path on disk.
    size = imageSize(bytes);
  } catch {
    return { ok: false, message: "This is not a PNG or JPEG picture that can be read." };
  }
  const type = size.type ? MEDIA_TYPE[size.type] : undefined;
  if (!type) return { ok: false, message: `A logo must be a PNG or JPEG picture; this file is ${size.type ? size.type.toUpperCase() : "of another kind"}.` };
  const { width, height } = size;
  if (!width || !height) return { ok: false, message: "This picture has no width or height." };
  if (width > LOGO_MAX_PIXELS || height > LOGO_MAX_PIXELS) {
    return { ok: false, message: `The picture is ${width} x ${height} pixels; a logo may be at most ${LOGO_MAX_PIXELS} pixels on either side.` };
  }
  return { ok: true, type, width, height };
}

/** The logo as a `data:` address for an <img> (the pages' CSP allows data: images; the renderer fetches nothing). */
export function logoDataUri(logo: { bytes: Uint8Array; type: string }): string {
  return `data:${logo.type};base64,${Buffer.from(logo.bytes).toString("base64")}`;
}

function kib(bytes: number): string {
  return `${Math.ceil(bytes / 1024)} KB`;
}
