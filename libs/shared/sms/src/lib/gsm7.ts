/**
 * The GSM 03.38 default alphabet (3GPP TS 23.038), one septet each. The escape code 0x1B is left out on purpose:
 * a literal ESC in a reply cannot be sent as text.
 */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** The extension table: each character travels as ESC + code, so it costs two septets. */
const GSM7_EXTENSION = '\f^{}\\[~]|€';

const BASIC = new Set(GSM7_BASIC);
const EXTENSION = new Set(GSM7_EXTENSION);

/** Septets the character costs in GSM-7, or null when GSM-7 cannot carry it. */
export function gsm7Septets(char: string): 1 | 2 | null {
  if (BASIC.has(char)) return 1;
  if (EXTENSION.has(char)) return 2;
  return null;
}

export function isGsm7Text(text: string): boolean {
  for (const char of text) {
    if (gsm7Septets(char) === null) return false;
  }
  return true;
}
