/**
 * Types that drive wire encoding. The datamodel part mirrors `XapiType` from model/type-grammar.ts (structurally),
 * plus the shapes only the RPC layer needs: int32 counters, ad-hoc structs, void and "infer from the JS value".
 */
export type WireType =
  | { kind: 'string' | 'int' | 'float' | 'bool' | 'datetime' }
  | { kind: 'ref'; cls: string }
  | { kind: 'enum'; name: string }
  | { kind: 'set'; of: WireType }
  | { kind: 'map'; key: WireType; value: WireType }
  | { kind: 'record'; cls: string }
  | { kind: 'i4' }
  | { kind: 'struct'; fields: Record<string, WireType> }
  | { kind: 'void' }
  | { kind: 'any' }
  /** An event record: its snapshot is a record of the class named in its `class` field. */
  | { kind: 'event' };

/** Resolves the field types of a class for encoding `<Class> record` values. */
export type RecordTypeResolver = (cls: string) => Record<string, WireType>;

export const T = {
  string: { kind: 'string' } as WireType,
  int: { kind: 'int' } as WireType,
  float: { kind: 'float' } as WireType,
  bool: { kind: 'bool' } as WireType,
  datetime: { kind: 'datetime' } as WireType,
  i4: { kind: 'i4' } as WireType,
  void: { kind: 'void' } as WireType,
  any: { kind: 'any' } as WireType,
  event: { kind: 'event' } as WireType,
  setOf: (of: WireType): WireType => ({ kind: 'set', of }),
  mapOf: (key: WireType, value: WireType): WireType => ({ kind: 'map', key, value }),
  struct: (fields: Record<string, WireType>): WireType => ({ kind: 'struct', fields }),
};
