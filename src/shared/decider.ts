import type { Actor } from './actor.js';

/** A domain event as deciders see it: a type and its data. Metadata is the infrastructure's. */
export interface DomainEvent<TType extends string = string, TData extends object = object> {
  type: TType;
  data: TData;
}

/** What every command carries besides its own fields. */
export interface CommandBase<TType extends string> {
  type: TType;
  actor: Actor;
  /** When it happened in the world (ISO 8601); defaults to now at the edge. */
  occurredAt: string;
}

/**
 * An aggregate as a pure decider: no NestJS, no database, no clock, no randomness (ids and times
 * come in with the command), so that given/when/then tests need nothing but the functions.
 */
export interface Decider<TCommand, TEvent extends DomainEvent, TState> {
  readonly initialState: TState;
  /** Returns the events the command produces (possibly none), or throws a DomainError. */
  decide(command: TCommand, state: TState): TEvent[];
  evolve(state: TState, event: TEvent): TState;
}

export function fold<TEvent extends DomainEvent, TState>(
  decider: Pick<Decider<unknown, TEvent, TState>, 'initialState' | 'evolve'>,
  events: readonly TEvent[],
): TState {
  return events.reduce(decider.evolve, decider.initialState);
}
