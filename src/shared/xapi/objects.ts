/**
 * A mirrored XAPI object as the UI receives it: the record's own fields (normalised: numbers are numbers,
 * datetimes ISO strings), plus `$id` (the object's ref), `$type` (its XAPI class) and `$pool` (Xenith's pool id).
 */
export interface XapiObject {
  readonly $id: string;
  readonly $type: string;
  readonly $pool: string;
  readonly [field: string]: unknown;
}

/** Changed fields of one object. */
export interface ObjectChange {
  readonly $id: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** One batch of mirror changes pushed to a client: whole new objects, changed fields only, removed ids. */
export interface ObjectDelta {
  readonly added: readonly XapiObject[];
  readonly changed: readonly ObjectChange[];
  readonly removed: readonly string[];
}

/** The XAPI null reference. */
export const nullRef = 'OpaqueRef:NULL';
