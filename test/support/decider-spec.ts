import type { Actor } from '../../src/event-store/event-store.port.js';
import type { Decider, DomainEvent } from '../../src/shared/decider.js';
import { DomainError, type DomainErrorKind } from '../../src/shared/domain-error.js';

/**
 * given(events) / when(command) / then(events | error) for deciders: no Nest, no database.
 *
 *   spec(cycleDecider).given([opened]).when(advance('pre_consultation')).then([advanced]);
 *   spec(cycleDecider).given([opened]).when(approve()).thenThrows('CYCLE.NOT_IN_APPROVAL_STAGE', 'conflict');
 */
export function spec<C, E extends DomainEvent, S>(decider: Decider<C, E, S>) {
  return {
    given(events: E[]) {
      const state = events.reduce(decider.evolve, decider.initialState);
      return {
        state,
        when(command: C) {
          const run = () => decider.decide(command, state);
          return {
            then(expected: E[]) {
              expect(run()).toEqual(expected);
            },
            /** Lets a test look at the events in detail (e.g. generated ids). */
            events(): E[] {
              return run();
            },
            thenThrows(code: string, kind?: DomainErrorKind): DomainError {
              let caught: unknown;
              try {
                run();
              } catch (error) {
                caught = error;
              }
              expect(caught).toBeInstanceOf(DomainError);
              const error = caught as DomainError;
              expect(error.code).toBe(code);
              if (kind) expect(error.kind).toBe(kind);
              return error;
            },
          };
        },
      };
    },
  };
}

export const poc: Actor = { id: 'user-poc', role: 'poc', institution: 'Office of the Prime Minister' };
export const lfpJustice: Actor = { id: 'user-moj', role: 'lfp', institution: 'Ministry of Justice' };
export const lfpFinance: Actor = { id: 'user-mof', role: 'lfp', institution: 'Ministry of Finance' };
export const auditor: Actor = { id: 'user-audit', role: 'auditor' };
export const stakeholderActor = (id: string): Actor => ({ id, role: 'stakeholder' });
