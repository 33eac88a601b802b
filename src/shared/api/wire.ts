import { z } from 'zod';
import { apiErrorSchema } from './errors.js';

/** Frames of the WebSocket transport (serve mode). */
export const clientFrameSchema = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string().max(200),
  input: z.unknown(),
});
export type ClientFrame = z.infer<typeof clientFrameSchema>;

export type ServerFrame =
  | { type: 'result'; id: number; ok: true; output: unknown }
  | { type: 'result'; id: number; ok: false; error: z.infer<typeof apiErrorSchema> }
  | { type: 'event'; event: string; payload: unknown };

/** The path the WebSocket transport listens on. */
export const apiSocketPath = '/api';
