import { z } from 'zod';
import type { LooseXapiObject } from '../xapi/objects.js';

/**
 * The shape of mirror changes, defined once: the server's cache makes them (DeltaBatcher), the object stream
 * sends them as `objects.delta` frames, and the renderer's store applies them.
 */

/** Changed fields of one object (only the fields that changed, with their new values). */
export interface ObjectChange {
  readonly $id: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** One batch of mirror changes: whole new objects, changed fields only, removed ids. */
export interface ObjectDelta {
  readonly added: readonly LooseXapiObject[];
  readonly changed: readonly ObjectChange[];
  readonly removed: readonly string[];
}

/** One `objects.delta` frame: a delta, and where it sits in the stream. */
export interface ObjectsDeltaFrame extends ObjectDelta {
  /** First frame of a snapshot: the client drops everything it had. */
  readonly reset: boolean;
  /**
   * Further frames of the same burst (snapshot chunks, chunks of one big batch) follow at once: the client may
   * hold this frame and apply the whole burst as one update when the frame without `more` arrives.
   */
  readonly more?: boolean;
}

const mirroredObjectSchema = z.looseObject({ $id: z.string(), $type: z.string(), $pool: z.string() });

/** The `objects.delta` payload; typed as ObjectsDeltaFrame, so the schema cannot drift from the shape above. */
export const objectsDeltaFrameSchema: z.ZodType<ObjectsDeltaFrame> = z.object({
  reset: z.boolean(),
  added: z.array(mirroredObjectSchema),
  changed: z.array(z.object({ $id: z.string(), fields: z.record(z.string(), z.unknown()) })),
  removed: z.array(z.string()),
  more: z.boolean().optional(),
});
