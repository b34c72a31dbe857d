import { jest } from '@jest/globals';
import { InvalidToken, signToken, verifyToken } from '../../../src/security/tokens.js';

const SECRET = 'unit-secret-unit-secret-unit-secret-0123456789';

afterEach(() => {
  jest.useRealTimers();
});

describe('verifyToken (with its short-lived cache of verified tokens)', () => {
  it('answers the same actor for the same token, and a copy the caller may not alter for the next', async () => {
    const token = await signToken(SECRET, { sub: 'lfp-moj', role: 'lfp', institution: 'Ministry of Justice' });
    const first = await verifyToken(SECRET, token);
    first.institution = 'Ministry of Finance';
    expect(await verifyToken(SECRET, token)).toEqual({ id: 'lfp-moj', role: 'lfp', institution: 'Ministry of Justice' });
  });

  it('refuses a verified token once it has expired, and one signed with another secret', async () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T10:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const token = await signToken(SECRET, { sub: 'poc', role: 'poc' }, '10s');
    expect(await verifyToken(SECRET, token)).toEqual({ id: 'poc', role: 'poc' });
    jest.setSystemTime(new Date('2026-01-01T10:00:11Z'));
    await expect(verifyToken(SECRET, token)).rejects.toThrow(InvalidToken);
    await expect(verifyToken(`${SECRET}-other`, await signToken(SECRET, { sub: 'poc', role: 'poc' }))).rejects.toThrow(InvalidToken);
  });
});
