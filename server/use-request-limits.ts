import { type DocumentNode, NoSchemaIntrospectionCustomRule, type validate } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

/**
 * Refuses an operation text longer than `maxQueryBytes` before it is parsed (QUERY_TOO_LARGE),
 * on every transport (HTTP, graphql-ws, the push bridge all parse through envelop).
 */
export function useQuerySizeLimit(maxQueryBytes: number): Plugin {
  return {
    onParse({ params }) {
      const source = typeof params.source === 'string' ? params.source : params.source.body;
      if (source.length > maxQueryBytes) {
        throw createGraphQLError(
          `the operation is ${source.length} characters long; at most ${maxQueryBytes} are accepted (AKOSHA_MAX_QUERY_BYTES)`,
          { extensions: { code: 'QUERY_TOO_LARGE', http: { status: 413 } } },
        );
      }
    },
  };
}

/** Introspection off on every transport (yoga's own plugin only sees HTTP requests). */
export function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}

const CACHED_SOURCE_CHARS = 8192;

/**
 * Parse and validation caches that hold only short operation texts: real clients send the same
 * small operations again and again, while anyone could send many distinct large ones to fill a
 * cache keyed by the text.
 */
export function boundedParserCache() {
  // A Map keeps insertion order: re-inserting on a hit makes the first key the least recently used.
  const bounded = <T>(max = 1000) => {
    const entries = new Map<string, T>();
    return {
      get(key: string): T | undefined {
        const value = entries.get(key);
        if (value !== undefined) {
          entries.delete(key);
          entries.set(key, value);
        }
        return value;
      },
      set(key: string, value: T) {
        if (key.length > CACHED_SOURCE_CHARS) return;
        entries.delete(key);
        entries.set(key, value);
        if (entries.size > max) entries.delete(entries.keys().next().value as string);
      },
    };
  };
  return {
    documentCache: bounded<DocumentNode>(),
    errorCache: bounded<unknown>(),
    validationCache: bounded<typeof validate>(),
  };
}

function bodyTooLarge(limit: number, what: string) {
  return createGraphQLError(`the ${what} is larger than ${limit} bytes`, {
    extensions: { code: 'REQUEST_TOO_LARGE', http: { status: 413 }, limit },
  });
}

/**
 * One body limit per kind of request: a multipart upload may be as large as an upload may be
 * (AKOSHA_MAX_UPLOAD_BYTES, plus room for its operation parts); any other request is held to
 * AKOSHA_MAX_REQUEST_BYTES. Checked on Content-Length first, then while the body streams in.
 */
export function useBodyLimits(opts: { uploadBytes: number; requestBytes: number }): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser }) {
      const multipart = request.headers.get('content-type')?.startsWith('multipart/') ?? false;
      const limit = multipart ? opts.uploadBytes + 1_048_576 : opts.requestBytes;
      const what = multipart ? 'upload' : 'request body';
      const declared = request.headers.get('content-length');
      if (declared !== null && (!/^\d+$/.test(declared) || Number(declared) > limit))
        throw bodyTooLarge(limit, what);
      if (!requestParser || !request.body) return;
      const parse = requestParser;
      setRequestParser((req) => {
        let read = 0;
        const limited = (req.body as ReadableStream<Uint8Array>).pipeThrough(
          new TransformStream<Uint8Array, Uint8Array>({
            transform(chunk, controller) {
              read += chunk.byteLength;
              if (read > limit) controller.error(bodyTooLarge(limit, what));
              else controller.enqueue(chunk);
            },
          }),
        );
        const parsed = parse(
          new Request(req.url, {
            method: req.method,
            headers: req.headers,
            signal: req.signal,
            body: limited,
            duplex: 'half',
          } as RequestInit),
        );
        // A parser may report the stream error as its own (multipart: "failed to parse"): say why.
        return Promise.resolve(parsed).catch((err: unknown) => {
          throw read > limit ? bodyTooLarge(limit, what) : err;
        });
      });
    },
  };
}
