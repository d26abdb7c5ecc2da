// Expected failures with stable codes. server/use-error-codes.ts maps them to extensions.code
// and an HTTP status in one place; anything else is masked as an unexpected error.
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'BATCH_TOO_LARGE'
  | 'QUERY_TIMEOUT'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'TIER_UNAVAILABLE'
  | 'RESPONSE_TOO_LARGE'
  | 'INGESTION_TIMEOUT'
  | 'UNAVAILABLE'
  | 'CANCELLED'
  | 'STORAGE_UNAVAILABLE'
  | 'OVERLOADED'
  | 'INGESTION_PAUSED'
  | 'EMBEDDING_UNAVAILABLE'
  | 'EMBEDDING_MODEL_MISMATCH';

const httpStatus: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  BATCH_TOO_LARGE: 413,
  QUERY_TIMEOUT: 504,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  // reported next to partial data, which is still a successful response
  TIER_UNAVAILABLE: 200,
  // the fields within the budget are still returned
  RESPONSE_TOO_LARGE: 200,
  INGESTION_TIMEOUT: 504,
  UNAVAILABLE: 503,
  // nginx's 'client closed request': nobody reads it
  CANCELLED: 499,
  // reported next to what was stored, which the response lists exactly
  STORAGE_UNAVAILABLE: 200,
  OVERLOADED: 503,
  // the operator's emergency stop (AKOSHA_INGESTION_PAUSED): retry much later
  INGESTION_PAUSED: 503,
  // the configured embeddings endpoint failed a text search (AKOSHA_EMBEDDING_URL)
  EMBEDDING_UNAVAILABLE: 503,
  // a text search whose embedder is not the model that made the stored vectors
  EMBEDDING_MODEL_MISMATCH: 400,
};

export class AkoshaError extends Error {
  readonly code: ErrorCode;
  readonly httpStatus: number;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.httpStatus = httpStatus[code];
    this.details = details;
  }
}

export const badInput = (message: string, details?: Record<string, unknown>) =>
  new AkoshaError('BAD_USER_INPUT', message, details);
