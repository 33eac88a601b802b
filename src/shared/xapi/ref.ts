declare const refClass: unique symbol;

/**
 * An XAPI reference (`OpaqueRef:…`) to an object of class C. It is a plain string at run time; the class is a
 * compile-time mark only, so any string is accepted as a ref, but a ref of one class is not taken for another's,
 * and following a ref knows the class it reaches.
 */
export type Ref<C extends string> = string & { readonly [refClass]?: C };
