import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import type { Context } from '../resolvers/context.ts';

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: {
    Vector: { Input: Float32Array; Output: ArrayLike<number> };
    DateTime: { Input: Date; Output: Date };
    JSONObject: { Input: unknown; Output: Record<string, unknown> };
  };
}>({
  plugins: [DataloaderPlugin],
  defaultFieldNullability: false,
});

builder.queryType({ description: 'Reads: search, memories, systems and health.' });
builder.mutationType({ description: 'Writes: ingestion.' });
