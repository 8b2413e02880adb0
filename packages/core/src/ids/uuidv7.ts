/** The two ASCII codes of each byte's lower-case hex digits. */
const hexCodes: [number, number][] = Array.from({ length: 256 }, (_, byte) => {
  const digits = byte.toString(16).padStart(2, '0');
  return [digits.charCodeAt(0), digits.charCodeAt(1)];
});
const dash = 0x2d;

// The text is written as ASCII codes and decoded once. Joining its 20 pieces with `+` made a chain of
// strings (about 700 bytes per id, flattened again by every consumer) where one flat string takes 56: a
// bulk create makes three ids per record and keeps them all until it returns.
const text = new Uint8Array(36);
const decoder = new TextDecoder();

let lastMillis = -1;
let sequence = 0;

// Random bytes are drawn in blocks: one getRandomValues call per 512 ids instead of one per id.
const poolSize = 512 * 10;
const bytes = new Uint8Array(16);
const pool = new Uint8Array(poolSize);
let poolOffset = poolSize;

function randomBytes10(): number {
  if (poolOffset === poolSize) {
    crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  const offset = poolOffset;
  poolOffset += 10;
  return offset;
}

/**
 * A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit counter, then random bits. Ids made in
 * one process are strictly increasing, so inserts append to the end of a B-tree and stay fast.
 *
 * @example
 * ```ts
 * uuidv7(); // '0193a1c2-7f00-7000-8a3b-5c1d2e3f4a5b'
 * ```
 */
export function uuidv7(now: number = Date.now()): string {
  // The counter keeps ids ordered within one millisecond and when the clock steps back.
  if (now > lastMillis) {
    lastMillis = now;
    sequence = 0;
  } else if (++sequence > 0xfff) {
    lastMillis += 1;
    sequence = 0;
  }
  const random = randomBytes10();
  for (let index = 0; index < 10; index++) bytes[6 + index] = pool[random + index] as number;
  let millis = lastMillis;
  for (let index = 5; index >= 0; index--) {
    bytes[index] = millis % 256;
    millis = Math.floor(millis / 256);
  }
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f);
  let at = 0;
  for (let index = 0; index < 16; index++) {
    if (index === 4 || index === 6 || index === 8 || index === 10) text[at++] = dash;
    const [high, low] = hexCodes[bytes[index] as number] as [number, number];
    text[at++] = high;
    text[at++] = low;
  }
  return decoder.decode(text);
}
