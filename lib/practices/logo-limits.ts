// A practice logo's limits (decision 042), apart from lib/practices/logo.ts so that the settings
// form can say them and check a file's size before it is sent.

/** The largest logo file, in bytes (the database refuses more: migration 20261207060000). */
export const LOGO_MAX_BYTES = 256 * 1024;
/** The largest logo picture, in pixels on either side. */
export const LOGO_MAX_PIXELS = 4000;
