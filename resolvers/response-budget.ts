import { AkoshaError } from './errors.ts';

/**
 * The bytes one request may return (AKOSHA_MAX_RESPONSE_BYTES). Loaders charge what they
 * materialise (memory contents, metadata, embeddings) before it is resolved, so a request that
 * asks for too much stops with RESPONSE_TOO_LARGE instead of growing the process without bound.
 */
export type ResponseBudget = { charge(bytes: number): void; readonly used: number };

export function createResponseBudget(maxBytes: number): ResponseBudget {
  let used = 0;
  return {
    charge(bytes) {
      used += bytes;
      if (used > maxBytes) {
        throw new AkoshaError(
          'RESPONSE_TOO_LARGE',
          `the response would be larger than ${maxBytes} bytes (AKOSHA_MAX_RESPONSE_BYTES): ask for fewer hits or fields`,
          { limit: maxBytes },
        );
      }
    },
    get used() {
      return used;
    },
  };
}
