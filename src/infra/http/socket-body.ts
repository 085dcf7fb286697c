/** String bodies of at least this many characters go out as bytes (see `socketBody`). */
export const LARGE_BODY_CHARS = 64 * 1024;

/**
 * A response body as it is best handed to the socket. Node's HTTP response prepends its header
 * block to a string body, making one more string of the two; past 131,072 characters V8 keeps a
 * string in pages of its own (its large-object space), mapped and faulted in for each answer,
 * which on these machines costs about half a millisecond: a page of 100 sets just under that size
 * crossed it with its headers. As bytes, the body is written beside the header block, never
 * joined to it. Small bodies, and bodies that are not strings (buffers, streams), stay as they are.
 */
export function socketBody<T>(payload: T): T | Buffer {
  return typeof payload === 'string' && payload.length >= LARGE_BODY_CHARS
    ? Buffer.from(payload)
    : payload;
}
