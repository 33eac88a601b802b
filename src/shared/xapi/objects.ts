import type { UntypedClass, XapiRecords } from './records.gen.js';
import type { Ref } from './ref.js';

/** An XAPI class whose records have a generated type (scripts/xapi-facts/datamodel.ts lists them). */
export type XapiClass = keyof XapiRecords;

/** What the mirror adds to every record: `$id` (the object's ref), `$type` (its XAPI class), `$pool` (Xenith's pool id). */
export type MirrorTags<C extends string> = {
  readonly $id: Ref<C>;
  readonly $type: C;
  readonly $pool: string;
};

/**
 * A mirrored record of class C as the UI receives it: the record's own fields, normalised (numbers are numbers,
 * datetimes ISO strings), plus the mirror's tags. A field the class does not have fails to compile.
 */
export type XapiRecord<C extends XapiClass> = C extends XapiClass ? Readonly<XapiRecords[C]> & MirrorTags<C> : never;

/** The classes whose records have every field named in F (objects with a name and tags, say). */
export type ClassWith<F extends string> = { [C in XapiClass]: [F] extends [keyof XapiRecords[C]] ? C : never }[XapiClass];

/**
 * Any mirrored object, tagged by class: narrow on `$type` (or use the typed selectors) to read its fields. Classes
 * without a generated type are mirrored too, but only their tags can be read.
 */
export type XapiObject = XapiRecord<XapiClass> | MirrorTags<UntypedClass>;

/**
 * An object whose fields are not checked: what an `objects.delta` frame carries on the wire (its schema checks the
 * tags only; the store takes the server's records as typed), what the CLI holds of it, and what the server's
 * untyped helpers give (`findObject` with a class as a plain string, `mirrorShows` without a class). Read
 * fields through XapiObject or XapiRecord instead.
 */
export type LooseXapiObject = MirrorTags<string> & { readonly [field: string]: unknown };

/** Whether `object` is of class `type` (narrows it to that class's record). */
export function isOfType<C extends XapiClass>(object: { readonly $type: string } | undefined, type: C): object is XapiRecord<C> {
  return object?.$type === type;
}

/** An object's name_label (any class with one, typed or not), or `fallback` when it has none or it is empty. */
export function nameOf(object: XapiObject | LooseXapiObject | undefined, fallback = ''): string {
  const name = object && 'name_label' in object ? object.name_label : undefined;
  return (typeof name === 'string' && name) || fallback;
}

/** The XAPI null reference. */
export const nullRef = 'OpaqueRef:NULL';
