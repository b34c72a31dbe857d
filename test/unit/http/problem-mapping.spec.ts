import { toProblem } from '../../../src/http/problem-details.filter.js';
import { DomainError, type DomainErrorKind } from '../../../src/shared/domain-error.js';

/** One place maps a coded error's kind to its HTTP status: engines and queries never choose one. */
describe('coded errors to problem documents', () => {
  const cases: Array<[DomainErrorKind, number, string]> = [
    ['invalid', 400, 'Bad Request'],
    ['unauthenticated', 401, 'Unauthorized'],
    ['forbidden', 403, 'Forbidden'],
    ['not_found', 404, 'Not Found'],
    ['conflict', 409, 'Conflict'],
    ['busy', 429, 'Too Many Requests'],
    ['unavailable', 503, 'Service Unavailable'],
  ];

  it.each(cases)('a %s error is %i %s, with its code and message', (kind, status, title) => {
    const problem = toProblem(new DomainError('THING.SAID_NO', 'because', kind, { extra: 1 }));
    expect(problem).toMatchObject({ status, title, code: 'THING.SAID_NO', detail: 'because', extensions: { extra: 1 } });
  });

  it('names the field of an invalid input', () => {
    const problem = toProblem(new DomainError('VALIDATION.FAILED', 'cursor: not a cursor', 'invalid', { errors: [{ field: 'cursor', reason: 'not a cursor' }] }));
    expect(problem.extensions.errors).toEqual([{ field: 'cursor', reason: 'not a cursor' }]);
  });

  it('gives a validation failure the title of its problem type, wherever it is raised', () => {
    const problem = toProblem(new DomainError('VALIDATION.FAILED', 'consistentWith: not a log position', 'invalid', { errors: [{ field: 'consistentWith', reason: 'must be a position returned by a command' }] }));
    expect(problem).toMatchObject({ status: 400, title: 'Invalid request', code: 'VALIDATION.FAILED' });
  });
});
