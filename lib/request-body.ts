/**
 * A request's body as bytes, at most `maxBytes`: a declared Content-Length over it is refused before
 * reading, and the size is counted while the body streams in, so a missing or false Content-Length
 * does not help. Over the limit, the read stops and `tooLarge()` is thrown. Used by the public API's
 * JSON bodies and the import page's upload form.
 */
export async function readBodyBytes(request: Request, maxBytes: number, tooLarge: (declaredBytes?: number) => Error): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(declared);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}
