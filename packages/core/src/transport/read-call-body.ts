import { refusal } from './json-response';

/** The arguments of a call, or the response that refuses its request. */
export type CallArgs =
  | { readonly ok: true; readonly args: unknown[] }
  | { readonly ok: false; readonly response: Response };

const refused = (response: Response): CallArgs => ({ ok: false, response });

function isJson(request: Request): boolean {
  const mediaType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  return mediaType === 'application/json';
}

function tooLarge(maxBodyBytes: number): CallArgs {
  return refused(refusal(413, 'MISUSE', `The body is larger than ${maxBodyBytes} bytes`));
}

// Reads the stream itself rather than `request.text()`, so a body without a content-length (chunked)
// stops at the limit instead of filling memory first.
async function readLimited(request: Request, maxBodyBytes: number): Promise<Uint8Array | null> {
  if (request.body === null) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBodyBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function parseJson(bytes: Uint8Array): { readonly ok: boolean; readonly value?: unknown } {
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    return { ok: false };
  }
}

/**
 * Reads a call's `{ "args": [...] }` from its request: 415 unless the body is declared JSON (which also
 * stops cross-site form posts, as browsers cannot send that type without a CORS preflight), 413 over
 * `maxBodyBytes`, 400 MISUSE for malformed JSON or any other shape. Other keys of the body are ignored:
 * the tenant and the actor come from the host's authentication, never from the body.
 *
 * @example
 * ```ts
 * const call = await readCallBody(request, 1_000_000);
 * if (!call.ok) return call.response;
 * ```
 */
export async function readCallBody(request: Request, maxBodyBytes: number): Promise<CallArgs> {
  if (!isJson(request)) {
    return refused(refusal(415, 'MISUSE', 'Calls take a JSON body: send content-type: application/json'));
  }
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBodyBytes) return tooLarge(maxBodyBytes);
  const bytes = await readLimited(request, maxBodyBytes);
  if (bytes === null) return tooLarge(maxBodyBytes);
  const parsed = parseJson(bytes);
  if (!parsed.ok) return refused(refusal(400, 'MISUSE', 'The body is not valid JSON'));
  const body = parsed.value;
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { args?: unknown }).args)) {
    return refused(
      refusal(400, 'MISUSE', 'The body of a call must be { "args": [...] }: the arguments in order'),
    );
  }
  return { ok: true, args: (body as { args: unknown[] }).args };
}
