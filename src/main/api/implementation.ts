import type { MethodName, MethodOutput, ParsedInput } from '../../shared/api/contract.js';

/** Who is calling: lets implementations scope things (subscriptions, consoles) to one client. */
export interface CallContext {
  readonly clientId: string;
}

/** Every contract method implemented: a missing one is a compile error. */
export type Implementation = {
  [M in MethodName]: (input: ParsedInput<M>, context: CallContext) => Promise<MethodOutput<M>>;
};

/** One area's share of the implementation (app, settings, pools…), merged in the composition root. */
export type PartialImplementation<M extends MethodName> = Pick<Implementation, M>;
