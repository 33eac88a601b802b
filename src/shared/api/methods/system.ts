import { z } from 'zod';
import { defineMethod } from '../define.js';

/** JSON Schema (draft 2020-12) as zod 4 writes it. */
const jsonSchemaSchema = z.record(z.string(), z.unknown());

/** One contract method as a client discovers it. */
export const methodDescriptionSchema = z.object({
  name: z.string(),
  summary: z.string(),
  /** What the method takes, as the server validates it (enums, bounds, optional fields and defaults kept). */
  input: jsonSchemaSchema,
  output: jsonSchemaSchema,
});
export type MethodDescription = z.infer<typeof methodDescriptionSchema>;

export const systemMethods = {
  'system.methods': defineMethod({
    summary: 'Every contract method with its summary and its input and output as JSON Schema, so any client can discover the API.',
    input: z.object({}).strict(),
    output: z.array(methodDescriptionSchema),
  }),
  'system.version': defineMethod({
    summary: "This server's version and a digest of its contract, so a client can tell whether it speaks the same API.",
    input: z.object({}).strict(),
    output: z.object({
      version: z.string(),
      /** SHA-256 (hex) of system.methods' answer: equal digests, equal APIs. */
      contractDigest: z.string(),
      methods: z.number().int().nonnegative(),
    }),
  }),
};
