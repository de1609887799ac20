import { describe, expect, it } from "vitest";
import { checkLogo, logoDataUri } from "@/lib/practices/logo";
import { gifHeader, jpegHeader, pngBytes } from "@/lib/testing/images";

// The limits are written out here, not read from the module: a change to them must change this test.
const MAX_BYTES = 262_144;
const MAX_PIXELS = 4000;

describe("checkLogo", () => {
  it("takes a PNG and says its media type and size", () => {
    expect(checkLogo(pngBytes(120, 40))).toEqual({ ok: true, type: "image/png", width: 120, height: 40 });
  });

  it("takes a JPEG by its bytes", () => {
    expect(checkLogo(jpegHeader(300, 100))).toEqual({ ok: true, type: "image/jpeg", width: 300, height: 100 });
  });

  it("takes a picture of exactly the largest size on either side", () => {
    expect(checkLogo(jpegHeader(MAX_PIXELS, 1))).toMatchObject({ ok: true, width: MAX_PIXELS });
    expect(checkLogo(jpegHeader(1, MAX_PIXELS))).toMatchObject({ ok: true, height: MAX_PIXELS });
  });

  it("refuses a picture one pixel wider or taller than the largest, naming its size", () => {
    expect(checkLogo(jpegHeader(MAX_PIXELS + 1, 10))).toEqual({ ok: false, message: "The picture is 4001 x 10 pixels; a logo may be at most 4000 pixels on either side." });
    expect(checkLogo(jpegHeader(10, MAX_PIXELS + 1))).toEqual({ ok: false, message: "The picture is 10 x 4001 pixels; a logo may be at most 4000 pixels on either side." });
  });

  it("refuses a small file that declares a huge picture (it would take the renderer's memory to decode)", () => {
    const bomb = jpegHeader(30_000, 30_000);
    expect(bomb.byteLength).toBeLessThan(100);
    expect(checkLogo(bomb).ok).toBe(false);
  });

  it("refuses an empty file", () => {
    expect(checkLogo(new Uint8Array())).toEqual({ ok: false, message: "The file is empty." });
  });

  it("takes a file of exactly the largest size and refuses one byte more", () => {
    const png = pngBytes(4, 4);
    const atLimit = new Uint8Array(MAX_BYTES);
    atLimit.set(png);
    expect(checkLogo(atLimit)).toMatchObject({ ok: true, type: "image/png" });
    const over = new Uint8Array(MAX_BYTES + 1);
    over.set(png);
    expect(checkLogo(over)).toEqual({ ok: false, message: "The file is 257 KB; a logo may be at most 256 KB." });
  });

  it("refuses another kind of picture by its bytes, whatever it is called", () => {
    expect(checkLogo(gifHeader(10, 10))).toEqual({ ok: false, message: "A logo must be a PNG or JPEG picture; this file is GIF." });
  });

  it("refuses an SVG (it can carry scripts) and text", () => {
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    expect(checkLogo(svg).ok).toBe(false);
    expect(checkLogo(new TextEncoder().encode("not a picture at all"))).toEqual({ ok: false, message: "This is not a PNG or JPEG picture that can be read." });
  });
});

describe("logoDataUri", () => {
  it("writes the bytes as base64 under their media type", () => {
    expect(logoDataUri({ bytes: new Uint8Array([1, 2, 3, 255]), type: "image/png" })).toBe("data:image/png;base64,AQID/w==");
  });
});
